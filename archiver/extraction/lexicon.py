"""Words per language: month names (dates) and stop words (language guessing)."""

from __future__ import annotations

#: Stop words that tell the languages apart when the page does not say.
STOPWORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(("le", "la", "les", "des", "du", "un", "une", "et", "est", "dans", "pour", "que", "qui", "sur", "au", "aux", "pas", "par", "ses", "avec")),
    "en": frozenset(("the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "as", "are", "was", "by", "this", "from", "it", "be")),
    "de": frozenset(("der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine", "auch", "sich", "für", "auf", "dem", "des")),
    "es": frozenset(("el", "la", "los", "las", "de", "y", "que", "en", "un", "una", "por", "con", "para", "del", "se", "su", "es", "al", "como")),
    "it": frozenset(("il", "la", "di", "che", "e", "per", "un", "una", "del", "della", "in", "non", "con", "sono", "gli", "le", "è", "al", "dei")),
}  # fmt: skip

#: Month names (and common abbreviations) in the supported languages.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "january jan janvier janv januar jänner enero ene gennaio gen",
            "february feb février fevrier févr fevr februar feber febrero febbraio",
            "march mar mars märz maerz marzo",
            "april apr avril avr abril aprile",
            "may mai mayo maggio mag",
            "june jun juin juni junio giugno giu",
            "july jul juillet juil juli julio luglio lug",
            "august aug août aout agosto ago",
            "september sep sept septembre septiembre setiembre settembre set",
            "october oct octobre oktober okt octubre ottobre ott",
            "november nov novembre noviembre",
            "december dec décembre decembre déc dezember dez diciembre dic dicembre",
        ),
        start=1,
    )
    for name in names.split()
}
