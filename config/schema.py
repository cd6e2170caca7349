"""The typed schema of the three TOML files. Unknown keys, wrong types and bad values fail.

Money arrives as yuan strings and leaves as whole fen; percentages arrive as "6%" strings and
leave as basis points (600), so nothing downstream ever sees a float.
"""

# No ``from __future__ import annotations``: pydantic would compile each of the ~100 annotations
# from its string at every start (a twentieth of a cron run's start); written out, they are objects.
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from zizhi.core.checked_settings import CatalogueRules, QualificationRules
from zizhi.core.pipeline.stages import STAGES
from zizhi.core.vocab import DUNNING_ACTIONS, RISK_LEVELS, ROLES

ROLES_WITH_DISCOUNT = ("sales", "manager", "admin")


def _fen(value: object) -> int:
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError('write money as a string such as "1,800.00", not a number with a point')
    if not isinstance(value, (int, str)):
        raise ValueError("expected an amount such as \"1,800.00\"")
    from zizhi.core.errors import InputError
    from zizhi.core.money import parse

    try:
        return parse(str(value))  # whole yuan, too, within the one bound on amounts
    except InputError as exc:
        raise ValueError(exc.message("en")) from None


def _basis_points(value: object) -> int:
    if not isinstance(value, str) or not value.strip().endswith("%"):
        raise ValueError('expected a percentage string such as "6%"')
    from zizhi.core import percent
    from zizhi.core.errors import InputError

    try:
        return percent.parse(value, sign_required=True)
    except InputError:
        raise ValueError("a percentage from 0% to 100% with at most two decimals") from None


Fen = Annotated[int, BeforeValidator(_fen)]
Percent = Annotated[int, BeforeValidator(_basis_points)]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Qualification(QualificationRules, Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9-]{1,31}$")]
    name_zh: Text
    name_en: Text
    permits: Text
    materials: list[Text] = Field(min_length=1)
    steps: list[Text] = Field(min_length=1)
    standard_days: int = Field(gt=0, le=3650)
    validity: str
    government_fee: Fen = Field(ge=0)
    service_fee: Fen = Field(ge=0)

    @field_validator("validity")
    @classmethod
    def _validity(cls, value: str) -> str:
        if not re.fullmatch(r"permanent|[1-9]\d? (years?|months?)", value):
            raise ValueError('"permanent", "N years" or "N months"')
        return value


class Catalogue(CatalogueRules, Strict):
    qualification: list[Qualification] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_codes(self) -> "Catalogue":
        seen: set[str] = set()
        for item in self.qualification:
            if item.code in seen:
                raise ValueError(f"qualification code {item.code} appears twice")
            seen.add(item.code)
        return self


class Tax(Strict):
    service_vat: Percent


class Surcharges(Strict):
    expedited: Percent


class Quotes(Strict):
    validity_days: int = Field(gt=0, le=365)
    price_floor: Percent


class DiscountLimits(Strict):
    sales: Percent
    manager: Percent
    admin: Percent


class CreditTerms(Strict):
    prepayment: Percent
    guarantee_required: bool
    credit_limit: Fen = Field(ge=0)
    # A rating checked longer ago than this is checked again before a new contract. Files written
    # before the rule have none: a year, the longest a registry extract is commonly accepted for.
    recheck_days: int = Field(default=365, gt=0, le=3650)
    # With guarantee_required: the share that, prepaid instead, stands in for the guarantee ("100%").
    guarantee_or_prepayment: Percent | None = None

    @field_validator("guarantee_or_prepayment")
    @classmethod
    def _alternative(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is None:
            return value
        if not info.data.get("guarantee_required"):
            raise ValueError("an alternative to a guarantee needs guarantee_required = true")
        if "prepayment" in info.data and value <= info.data["prepayment"]:
            raise ValueError("must be more than prepayment, the share prepaid with a guarantee")
        return value


class DunningStep(Strict):
    # Days from the instalment's due date: -3 is three days before it, 30 a month after.
    days: int = Field(ge=-90, le=3650)
    action: Literal[DUNNING_ACTIONS]


DEFAULT_PAYMENT_INSTRUCTIONS = "请将款项汇入我司对公账户（开户行及账号以合同约定为准），汇款时请注明合同编号。"
DEFAULT_LADDER = ((-3, "friendly_reminder"), (7, "reminder"), (15, "call"), (30, "letter"), (60, "visit"),
                  (90, "escalation"))


class Dunning(Strict):
    # Count the steps' days in Chinese working days (调休 make-up Saturdays count); either way a step
    # landing on a holiday or weekend moves to the next working day.
    working_days: bool = True
    steps: list[DunningStep] = Field(
        default=[DunningStep(days=d, action=a) for d, a in DEFAULT_LADDER], min_length=1)
    # The formal letter (催款函): how to pay, and the working days given to pay before further steps.
    payment_instructions: Text = DEFAULT_PAYMENT_INSTRUCTIONS
    letter_grace_days: int = Field(default=7, gt=0, le=60)

    @field_validator("steps")
    @classmethod
    def _ladder_ascends(cls, value: list[DunningStep]) -> list[DunningStep]:
        days = [step.days for step in value]
        if days != sorted(set(days)):
            raise ValueError("dunning steps must have rising days")
        ranks = [DUNNING_ACTIONS.index(step.action) for step in value]
        if ranks != sorted(ranks):
            raise ValueError(f"dunning actions must not grow milder up the ladder ({', '.join(DUNNING_ACTIONS)})")
        return value


def _dunning_of_old_files(value: object) -> object:
    """Files written before ``[dunning]`` was a table hold ``[[dunning]]`` steps counted in calendar
    days overdue; they are read as that ladder."""
    if isinstance(value, list):
        steps = [{"days": s.get("days_overdue"), "action": s.get("action")} if isinstance(s, dict) else s
                 for s in value]
        return {"working_days": False, "steps": steps}
    return value


class Escalation(Strict):
    """When a reminder goes to every manager as well as its owner."""
    dunning_days: int = Field(default=90, ge=0, le=3650)  # an instalment this many days overdue
    processing_late_workdays: int = Field(default=10, ge=0, le=3650)  # processing past its expected date
    follow_up_overdue_days: int = Field(default=7, ge=0, le=3650)  # a follow-up left this long


class Reminders(Strict):
    quote_expiry_days: int = Field(ge=0)
    certificate_expiry_days: list[int]
    instalment_due_days: int = Field(ge=0)
    # The quarterly personal report (rulebook §4.3): it may be filed, and is on its author's agenda,
    # from this many days before the quarter's end (10: from 22 December for the fourth quarter).
    quarterly_report_days: int = Field(default=10, ge=0, le=60)
    escalate: Escalation = Escalation()


class Stage(Strict):
    probability: Percent
    stale_days: int = Field(gt=0)


class Aftersales(Strict):
    visit_offsets_days: list[Annotated[int, Field(gt=0)]] = Field(min_length=1)


class Onboarding(Strict):
    pass_mark: int = Field(ge=0, le=100)
    # Continuing training (rulebook §4.1): each of these roles attends a session at least this often;
    # past it, `zizhi training overdue` names them.
    continuing_interval_days: int = Field(default=180, gt=0, le=3650)
    continuing_roles: list[Literal[ROLES]] = Field(default=["sales"], min_length=1)


DEFAULT_PENALTY = ("任何一方违反本合同约定的，应向守约方支付合同总金额 20% 的违约金；"
                   "客户逾期付款的，每逾期一日按未付金额的 0.05% 支付滞纳金。")


class Contracts(Strict):
    # The contract number: {year} and {seq} (the sequence within the year), e.g. "ZZ-{year}-{seq:04d}".
    number_pattern: Text = "ZZ-{year}-{seq:04d}"
    penalty: Text = DEFAULT_PENALTY

    @field_validator("number_pattern")
    @classmethod
    def _pattern(cls, value: str) -> str:
        return _number_pattern(value, "ZZ-{year}-{seq:04d}")


def _number_pattern(value: str, example: str) -> str:
    """A numbering pattern: {seq} required, {year} allowed, nothing else."""
    if "{seq" not in value:
        raise ValueError(f'the pattern needs {{seq}}, e.g. "{example}"')
    try:
        value.format(year=2026, seq=1)
    except (KeyError, IndexError, ValueError):
        raise ValueError(f'only {{year}} and {{seq}} may appear, e.g. "{example}"') from None
    return value


class Invoices(Strict):
    # The invoice number: {year} and {seq} (the sequence within the year), e.g. "FP{year}{seq:05d}".
    number_pattern: Text = "FP{year}{seq:05d}"
    # Invoicing ahead of payment (up to what the client's signed contracts still ask) is an
    # exception a company allows on purpose; by default an invoice follows confirmed payment.
    invoice_in_advance: bool = False

    @field_validator("number_pattern")
    @classmethod
    def _pattern(cls, value: str) -> str:
        return _number_pattern(value, "FP{year}{seq:05d}")


class Receivables(Strict):
    # Aging buckets: days overdue at which each bucket ends; past the last, "over N days".
    aging_buckets: list[Annotated[int, Field(gt=0)]] = Field(default=[30, 60, 90, 120], min_length=1)
    # An instalment due on a holiday or weekend moves to the next working day when the schedule is made.
    move_due_dates_to_workdays: bool = True

    @field_validator("aging_buckets")
    @classmethod
    def _rising(cls, value: list[int]) -> list[int]:
        if value != sorted(set(value)):
            raise ValueError("aging_buckets must rise, e.g. [30, 60, 90, 120]")
        return value


DEFAULT_STEP_POINTS = {"friendly_reminder": 0, "reminder": 2, "call": 5, "letter": 10, "visit": 15,
                       "escalation": 20}


class Watch(Strict):
    """The bad-debt early warning's weights (core/receivables/risk.py): points per sign, summed and
    capped at 100."""

    # Days overdue: these points for every 30 days past due (in proportion, rounded), at most overdue_max.
    overdue_points_per_30_days: int = Field(default=20, ge=0, le=100)
    overdue_max: int = Field(default=40, ge=0, le=100)
    # What is owed, on a logarithmic scale: nothing up to small_amount, amount_max from large_amount.
    small_amount: Fen = Field(default=100_000, gt=0)
    large_amount: Fen = Field(default=10_000_000, gt=0)
    amount_max: int = Field(default=15, ge=0, le=100)
    # The client's credit rating; a rating not listed here, or none, scores unrated_points.
    rating_points: dict[str, Annotated[int, Field(ge=0, le=100)]] = {"A": 0, "B": 5, "C": 15, "D": 25}
    unrated_points: int = Field(default=10, ge=0, le=100)
    # Each promise to pay broken, at most broken_promises_max.
    broken_promise_points: int = Field(default=20, ge=0, le=100)
    broken_promises_max: int = Field(default=40, ge=0, le=100)
    # The dunning step reached (every action of the ladder, never fewer points up it).
    step_points: dict[str, Annotated[int, Field(ge=0, le=100)]] = DEFAULT_STEP_POINTS

    @field_validator("step_points")
    @classmethod
    def _every_step(cls, value: dict[str, int]) -> dict[str, int]:
        if sorted(value) != sorted(DUNNING_ACTIONS):
            raise ValueError(f"step_points needs exactly the ladder's actions: {', '.join(DUNNING_ACTIONS)}")
        points = [value[action] for action in DUNNING_ACTIONS]
        if points != sorted(points):
            raise ValueError(f"step_points must not fall up the ladder ({', '.join(DUNNING_ACTIONS)})")
        return value

    @model_validator(mode="after")
    def _amounts_rise(self) -> "Watch":
        if self.large_amount <= self.small_amount:
            raise ValueError("large_amount must be more than small_amount")
        return self


# The usual 5×5 matrix: likelihood × impact 1–4 low, 5–9 medium, 10–16 high, 20–25 critical.
DEFAULT_RISK_MATRIX = [["low", "low", "low", "low", "medium"],
                       ["low", "low", "medium", "medium", "high"],
                       ["low", "medium", "medium", "high", "high"],
                       ["low", "medium", "high", "high", "critical"],
                       ["medium", "high", "high", "critical", "critical"]]
DEFAULT_REVIEW_DAYS = {"low": 180, "medium": 90, "high": 30, "critical": 7}


class Risk(Strict):
    """The risk register's level matrix and how often each level is reviewed (rulebook §7.3)."""

    # Row n is likelihood n (1 rare … 5 almost certain), column m impact m (1 minor … 5 severe).
    matrix: list[list[Literal[RISK_LEVELS]]] = DEFAULT_RISK_MATRIX
    # Days from one review to the next, per level.
    review_days: dict[Literal[RISK_LEVELS], Annotated[int, Field(gt=0, le=3650)]] = DEFAULT_REVIEW_DAYS

    @field_validator("matrix")
    @classmethod
    def _five_by_five_rising(cls, value: list[list[str]]) -> list[list[str]]:
        if len(value) != 5 or any(len(row) != 5 for row in value):
            raise ValueError("matrix needs 5 rows (likelihood 1–5) of 5 levels (impact 1–5)")
        rank = [[RISK_LEVELS.index(level) for level in row] for row in value]
        for n in range(5):
            if rank[n] != sorted(rank[n]) or [row[n] for row in rank] != sorted(row[n] for row in rank):
                raise ValueError(f"a level must not fall as likelihood or impact grows ({', '.join(RISK_LEVELS)})")
        return value

    @field_validator("review_days")
    @classmethod
    def _every_level(cls, value: dict[str, int]) -> dict[str, int]:
        missing = [level for level in RISK_LEVELS if level not in value]
        if missing:
            raise ValueError(f"review_days needs every level: {missing[0]} is missing")
        return value


class Pricing(Strict):
    tax: Tax
    surcharges: Surcharges
    quotes: Quotes
    discount_limits: DiscountLimits
    credit_policy: dict[Annotated[str, Field(pattern=r"^[A-Z]{1,3}$")], CreditTerms] = Field(min_length=1)
    reminders: Reminders
    stages: dict[str, Stage]
    aftersales: Aftersales
    onboarding: Onboarding
    contracts: Contracts = Contracts()
    receivables: Receivables = Receivables()
    invoices: Invoices = Invoices()
    dunning: Annotated[Dunning, BeforeValidator(_dunning_of_old_files)] = Dunning()
    watch: Watch = Watch()
    risk: Risk = Risk()

    @field_validator("stages")
    @classmethod
    def _all_stages(cls, value: dict[str, Stage]) -> dict[str, Stage]:
        unknown = sorted(set(value) - set(STAGES))
        missing = [s for s in STAGES if s not in value]
        if unknown:
            raise ValueError(f"unknown stage {unknown[0]} (stages: {', '.join(STAGES)})")
        if missing:
            raise ValueError(f"stage {missing[0]} is missing")
        return value

    @model_validator(mode="after")
    def _watched_ratings_exist(self) -> "Pricing":
        unknown = sorted(set(self.watch.rating_points) - set(self.credit_policy))
        if unknown:
            raise ValueError(f"watch.rating_points: rating {unknown[0]} is not in credit_policy "
                             f"({', '.join(self.credit_policy)})")
        return self


class Company(Strict):
    name: Text
    name_en: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


EnvName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]


class Delivery(Strict):
    """When cron's `zizhi remind` runs and what "today" is."""
    timezone: str = "Asia/Shanghai"  # the company's day, whatever the server's clock says
    send_on_holidays: bool = False  # on a non-working day nothing is sent; the next working day carries it

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (e.g. Asia/Shanghai)") from None
        return value


class Mail(Strict):
    """The SMTP server `zizhi remind --mail` sends through; the password only from the environment."""
    host: Text
    port: int = Field(default=587, gt=0, lt=65536)
    security: Literal["starttls", "tls", "none"] = "starttls"
    sender: Text
    user: str = ""
    password_env: EnvName | None = None  # the name of the environment variable holding the password
    timeout_seconds: int = Field(default=30, gt=0, le=600)


class Chat(Strict):
    """The team group's robot that `zizhi remind --chat` posts to (企业微信, 钉钉 or 飞书)."""
    platform: Literal["wecom", "dingtalk", "feishu"]
    webhook: Annotated[str, Field(pattern=r"^https?://")]
    secret_env: EnvName | None = None  # the name of the environment variable holding the signing secret
    timeout_seconds: int = Field(default=15, gt=0, le=600)


class Imports(Strict):
    """How `zizhi import` reads a file: the company's own headers (header = field, beside the
    English and Chinese ones Zizhi knows) and how a row finds the client it is."""
    clients: dict[str, str] = {}
    match: list[Literal["credit_code", "name", "phone"]] = ["credit_code", "name"]


class General(Strict):
    language: Literal["zh", "en"] | None = None
    company: Company
    # The app's key bindings, rebound by id: {"clients.add" = "n"} (ids in tui/keymap.py).
    keys: dict[str, str] = {}
    reminders: Delivery = Delivery()
    mail: Mail | None = None
    chat: Chat | None = None
    imports: Imports = Imports()


FILES = {"catalogue.toml": Catalogue, "pricing.toml": Pricing, "settings.toml": General}
