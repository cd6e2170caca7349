"""Working days (rulebook: deadlines count Chinese working days, 调休 make-up workdays included).

The ``calendar`` table holds only the exceptions to the weekly rule — statutory holidays falling
on a weekday and make-up workdays falling on a weekend — for each year it covers. A year it
does not cover follows the plain rule, and a date reckoned through one is *provisional*.
"""
