"""Messages of imports and exports, key → (English, Simplified Chinese)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "exchange.no_file": ("file: {file} does not exist or is not a file.", "文件：{file} 不存在或不是文件。"),
    "exchange.is_folder": ("file: {file} is a folder; name a file in it (CSV, TSV, XLSX, JSON, JSONL).",
                           "文件：{file} 是文件夹；请给出其中的文件（CSV、TSV、XLSX、JSON、JSONL）。"),
    "exchange.empty_file": ("file: {file} is empty (not even a header row); nothing to import.",
                            "文件：{file} 是空的（连标题行也没有）；没有可导入的内容。"),
    "exchange.format_needed": ("format: reading standard input needs --format ({allowed}).",
                               "格式：从标准输入读取时须给出 --format（{allowed}）。"),
    "exchange.format_unknown": ("format: {file} — the name does not say its format; give --format ({allowed}).",
                                "格式：无法从文件名 {file} 判断格式；请给出 --format（{allowed}）。"),
    "exchange.encoding_unknown": ("encoding: '{value}' is not an encoding (e.g. utf-8, gbk, gb18030).",
                                  "编码：'{value}' 不是一种编码（例如 utf-8、gbk、gb18030）。"),
    "exchange.encoding_unreadable": (
        "{file}: neither UTF-8 nor GBK/GB18030; in Excel save it again as 'CSV UTF-8 (Comma delimited)', "
        "or give its encoding with --encoding.",
        "{file}：既不是 UTF-8 也不是 GBK/GB18030；请在 Excel 中另存为「CSV UTF-8（逗号分隔）」，或用 --encoding 指定编码。"),
    "exchange.not_in_encoding": ("{file}:{line}: not valid {encoding}; in Excel save it again as 'CSV UTF-8', "
                                 "or give the right --encoding.",
                                 "{file}:{line}：不是有效的 {encoding}；请在 Excel 中另存为「CSV UTF-8」，或指定正确的 --encoding。"),
    "exchange.csv_broken": ("{file}:{line}: the file cannot be read as CSV here ({detail}); a quote left open?",
                            "{file}:{line}：此处无法按 CSV 读取（{detail}）；是否有未闭合的引号？"),
    "exchange.too_many_cells": ("{file}:{line}: {count} cells but {columns} columns; a comma inside a cell "
                                "must be within quotes.",
                                "{file}:{line}：有 {count} 个单元格，但只有 {columns} 列；单元格中的逗号须加引号。"),
    "exchange.xlsx_unreadable": ("{file}: not an Excel workbook Zizhi can read ({detail}); save it as .xlsx, or as "
                                 "'CSV UTF-8'.",
                                 "{file}：无法读取的 Excel 工作簿（{detail}）；请另存为 .xlsx 或「CSV UTF-8」。"),
    "exchange.json_broken": ("{file}:{line}: not valid JSON ({detail}).", "{file}:{line}：不是有效的 JSON（{detail}）。"),
    "exchange.json_not_list": ("{file}: a JSON file holds a list of records ([{{…}}, …]); one record per line is "
                               "--format jsonl.",
                               "{file}：JSON 文件应为记录列表（[{{…}}, …]）；每行一条记录请用 --format jsonl。"),
    "exchange.json_not_object": ("{file}:{line}: a record is an object ({{\"name\": …}}).",
                                 "{file}:{line}：每条记录应为对象（{{\"name\": …}}）。"),
    "exchange.masked_value": (
        "{field}: '{value}' is masked, as an export for legal or operations writes it; importing it would replace "
        "the real detail — take the values from an unmasked export, or leave the column out with --map 'HEADER=-'.",
        "{field}：'{value}' 是脱敏后的值（法务、运营导出的文件）；导入会覆盖真实信息——请用未脱敏的导出，"
        "或用 --map '列名=-' 略去该列。"),
    "exchange.errors_file": ("the {count} refused rows, with why, are in {file}: mend them there and import it.",
                             "被拒绝的 {count} 行及原因已写入 {file}：在其中修改后导入即可。"),
    "exchange.errors_file.one": ("the refused row, with why, is in {file}: mend it there and import it.",
                                 "被拒绝的 1 行及原因已写入 {file}：在其中修改后导入即可。"),
    "exchange.unknown_columns": (
        "columns: {columns} are not fields of this import; name each with --map '{example}=FIELD' or leave it out with "
        "--map '{example}=-' (fields: {fields}).",
        "列：{columns} 不是可导入的字段；请用 --map '{example}=字段' 指明，或用 --map '{example}=-' 略去（字段：{fields}）。"),
    "exchange.column_twice": ("columns: '{first}' and '{second}' both fill {field}; leave one out with --map '{second}=-'.",
                              "列：'{first}' 和 '{second}' 都对应 {field}；请用 --map '{second}=-' 略去其一。"),
    "exchange.map_format": ("map: '{value}' is not HEADER=FIELD (e.g. --map 'Firma=name', or several: "
                            "--map 'Firma=name,Tel=phone').",
                            "列映射：'{value}' 不是 列名=字段 的形式（例如 --map 'Firma=name'，多个用逗号分隔："
                            "--map 'Firma=name,Tel=phone'）。"),
    "exchange.map_unknown_field": ("{where}: '{value}' is neither a field nor a header Zizhi knows for one "
                                   "(fields: {fields}; '-' leaves a column out).",
                                   "{where}：'{value}' 既不是字段，也不是可识别的列名（字段：{fields}；'-' 表示略去该列）。"),
    "exchange.encoding_csv_only": ("encoding: only a CSV file has one to choose ({format} is written as it must be).",
                                   "编码：只有 CSV 文件可以选择编码（{format} 按其格式写入）。"),
    "exchange.not_encodable": ("encoding: line {row}, {column} holds '{character}', which {encoding} cannot write; "
                               "export in UTF-8 (the default) instead.",
                               "编码：第 {row} 行「{column}」中的「{character}」无法用 {encoding} 写出；请改用 UTF-8（默认）导出。"),
    "exchange.unmasked_refused": ("unmasked: contact details leave whole only in a manager's or admin's export "
                                  "(your role is {role}).",
                                  "完整导出：只有经理或管理员导出的文件可含完整联系方式（您的角色是 {role}）。"),
    "exchange.errors_is_folder": ("errors: {file} is a folder; name the file for the refused rows.",
                                  "错误文件：{file} 是文件夹；请给出写入被拒绝行的文件名。"),
    "exchange.errors_unwritable": ("errors: {file} cannot be written ({reason}); name a file in a folder you may "
                                   "write in with --errors.",
                                   "错误文件：无法写入 {file}（{reason}）；请用 --errors 指定一个您可写入的文件夹中的文件。"),
    "exchange.errors_no_folder": ("errors: the folder of {file} does not exist.", "错误文件：{file} 所在的文件夹不存在。"),
    "exchange.errors_exists": ("errors: {file} exists (perhaps rows you mended); name another file, or leave --errors "
                               "out for a new one beside the input.",
                               "错误文件：{file} 已存在（可能是您修改过的行）；请另给文件名，或不用 --errors，在原文件旁另建一个。"),
    "exchange.digits_lost": ("{field}: '{value}' was typed as a number, and Excel keeps only 15 digits of one; "
                             "format the column as text, type the number again and save.",
                             "{field}：'{value}' 在 Excel 中被当作数字，只保留了 15 位；请把该列设为文本格式，重新输入后保存。"),
    "exchange.other_name_kept.credit_code": (
        "'{name}' is client {id} on file as {on_file} (the same credit code); left as it is — check the code, or "
        "--update renames it.", "'{name}' 与已有客户 {id}「{on_file}」信用代码相同；未改动——请核对信用代码，或用 --update 改名。"),
    "exchange.other_name_kept.phone": (
        "'{name}' is client {id} on file as {on_file} (the same phone); left as it is — check the phone, or "
        "--update renames it.", "'{name}' 与已有客户 {id}「{on_file}」电话相同；未改动——请核对电话，或用 --update 改名。"),
    "exchange.other_name_renamed.credit_code": (
        "'{name}' is client {id} on file as {on_file} (the same credit code): renamed.",
        "'{name}' 与已有客户 {id}「{on_file}」信用代码相同：已改名。"),
    "exchange.other_name_renamed.phone": (
        "'{name}' is client {id} on file as {on_file} (the same phone): renamed.",
        "'{name}' 与已有客户 {id}「{on_file}」电话相同：已改名。"),
    "exchange.format_unnamed": ("format: {file} is named as none of csv, xlsx or json; name it .csv, .xlsx or .json, "
                                "or give --format.",
                                "格式：文件名 {file} 不是 csv、xlsx 或 json；请以 .csv、.xlsx 或 .json 命名，或用 --format 指定。"),
    "exchange.workbook_to_terminal": ("format: a workbook is a file, not text for the terminal; write it with "
                                      "-o {kind}.xlsx (or send it on with > {kind}.xlsx).",
                                      "格式：Excel 工作簿是文件，不能显示在终端；请用 -o {kind}.xlsx 写入文件"
                                      "（或用 > {kind}.xlsx 重定向）。"),
    "exchange.format_clash": ("format: {format}, but {file} is named as {named}; {how}.",
                              "格式：{format}，但文件名 {file} 表示 {named}；{how}。"),
    "exchange.format_clash.how": ("drop --format or name the file to match", "请去掉 --format，或使文件名与格式一致"),
    "exchange.out_is_folder": ("out: {file} is a folder; name the file to write, e.g. {example}.",
                               "输出：{file} 是文件夹；请给出要写入的文件名，例如 {example}。"),
    "exchange.out_unwritable": ("out: {file} cannot be written ({reason}); name a file in a folder you may write in.",
                                "输出：无法写入 {file}（{reason}）；请给出您可写入的文件夹中的文件。"),
    "exchange.out_folder": ("out: the folder of {file} does not exist.", "输出：{file} 所在的文件夹不存在。"),
    "exchange.logged_by_other": ("logged by: '{value}' — an import is logged by the person importing ({login}); "
                                 "to log these rows as yours, leave that column out: --map '{header}=-'.",
                                 "记录人：'{value}'——导入的记录均由导入者（{login}）记录；若要记为您的记录，请略去该列：--map '{header}=-'。"),
    "exchange.match_hidden": ("name: {name} is a client of a colleague's; ask your manager to assign it.",
                              "名称：{name} 是同事的客户；请让经理分配。"),
    "exchange.deal_new": ("(new)", "（新）"),
    "exchange.deal_gate_how": ("a new deal opens at inquiry and moves on only through the gates: import the row at an "
                               "earlier stage, then, on the deal it opens, do what is missing and `zizhi deal move` it",
                               "新商机从咨询接待开始，只能逐一通过各阶段关口：请以较早的阶段导入该行，商机建立后补齐所缺内容，"
                               "再用 `zizhi deal move` 推进"),
    "exchange.payment_reference_required": (
        "reference: an imported payment needs its bank slip's number (流水号), so that importing the file again "
        "cannot record it twice.",
        "流水号：导入的收款须填写银行回单的流水号，以免再次导入同一文件时重复登记。"),
    "exchange.payment_date_required": ("paid on: an imported payment needs the day the money arrived, as the bank "
                                       "slip shows it.",
                                       "到账日期：导入的收款须填写银行回单上的到账日期。"),
}
