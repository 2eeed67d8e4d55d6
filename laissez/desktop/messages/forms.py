"""One translated sentence per validation issue code (``laissez.forms.validation``)."""

from __future__ import annotations

from laissez.forms.schema import Field, FieldType
from laissez.i18n import _, ltr


def _type_sentence(f: Field) -> str:
    if f.type is FieldType.DATE:
        return _date_sentence()
    if f.type is FieldType.COUNTRY:
        return _("Choose a country from the list, or type its three-letter code (e.g. BGD).")
    if f.type is FieldType.LANGUAGE:
        return _("Choose a language from the list, or type its code (e.g. bn or bn-BD).")
    if f.type is FieldType.INTEGER:
        return _("Type a whole number.")
    if f.type is FieldType.SIGNATURE:
        return _("Say how the person signed and give the reference (or the reason to decline).")
    if f.type is FieldType.PHOTO:
        return _("The photograph is missing or damaged: take it again.")
    if f.type is FieldType.MULTI_CHOICE:
        return _("Choose among the options given.")
    return _("This answer is not in the expected form.")


def _date_sentence() -> str:
    return _(
        "Write the date as YYYY-MM-DD, with XXXX or XX for the parts not known (e.g. {example})."
    ).format(example=ltr("1990-XX-XX"))


def issue_sentence(f: Field, code: str) -> str:
    """The sentence shown under field ``f`` for issue ``code``."""
    if code == "required":
        if f.type is FieldType.SIGNATURE:
            return _("Say how the person signed and give the reference (or the reason to decline).")
        return _("Answer this question: it is required.")
    if code == "type":
        return _type_sentence(f)
    if code == "option":
        return _("Choose one of the options given.")
    if code == "too_long":
        return _("Too long: at most {count} characters.").format(count=f.max_length)
    if code == "pattern":
        return _("Not in the expected form: use capital letters A-Z and digits, as the help says.")
    if code == "date":
        return _("This is not a possible date.") + " " + _date_sentence()
    if code == "future":
        return _("This date is in the future.")
    if code == "too_early":
        return _("This date is too early: it cannot be before {date}.").format(
            date=ltr(f.not_before or "")
        )
    if code == "items":
        if f.min_items and not f.max_items:
            return _("Choose at least {count} of the options.").format(count=f.min_items)
        return _("Choose between {low} and {high} of the options.").format(
            low=f.min_items or 0, high=f.max_items
        )
    if code == "range":
        if f.minimum is not None and f.maximum is not None:
            return _("Type a number from {low} to {high}.").format(low=f.minimum, high=f.maximum)
        if f.minimum is not None:
            return _("Type a number of at least {low}.").format(low=f.minimum)
        return _("Type a number of at most {high}.").format(high=f.maximum)
    if code == "not_shown":
        return _("This answer does not apply any more: clear it.")
    return _("This answer needs attention.")
