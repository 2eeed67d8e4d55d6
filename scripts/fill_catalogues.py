"""Write the interface catalogues (fr, es, ar) from the template and the tables below.

Run after ``make extract-strings`` when strings change: ``python scripts/fill_catalogues.py``.
Existing translations in a .po file win over the tables, so translators' edits are kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent))
import importlib

ROOT = Path(__file__).resolve().parent.parent / "laissez" / "locale"

T: dict[str, dict[str, object]] = {
    "&Language": {"fr": "&Langue", "es": "&Idioma", "ar": "اللغة"},
    "&Session": {"fr": "&Session", "es": "&Sesión", "ar": "الجلسة"},
    "&Lock now": {"fr": "&Verrouiller maintenant", "es": "&Bloquear ahora", "ar": "القفل الآن"},
    "Laissez is locked": {
        "fr": "Laissez est verrouillé",
        "es": "Laissez está bloqueado",
        "ar": "Laissez مقفل",
    },
    "Nothing is shown while the application is locked. Unlock to go on.": {
        "fr": "Rien n'est affiché tant que l'application est verrouillée. "
        "Déverrouillez pour continuer.",
        "es": "No se muestra nada mientras la aplicación está bloqueada. "
        "Desbloquee para continuar.",
        "ar": "لا يُعرض شيء ما دام التطبيق مقفلًا. افتح القفل للمتابعة.",
    },
    "Unlock": {"fr": "Déverrouiller", "es": "Desbloquear", "ar": "فتح القفل"},
    "Check a machine-readable zone": {
        "fr": "Vérifier une zone de lecture automatique (ZLA)",
        "es": "Verificar una zona de lectura mecánica (ZLM)",
        "ar": "التحقق من منطقة القراءة الآلية",
    },
    "Check digit for the {name} matches (line {line}, position {pos}).": {
        "fr": "Chiffre de contrôle correct : {name} (ligne {line}, position {pos}).",
        "es": "Dígito de control correcto: {name} (línea {line}, posición {pos}).",
        "ar": "رقم التحقق صحيح: {name} (السطر {line}، الموضع {pos}).",
    },
    "Consular casework for returns — version {version}": {
        "fr": "Dossiers consulaires de retour — version {version}",
        "es": "Expedientes consulares de retorno — versión {version}",
        "ar": "ملفات العودة القنصلية — الإصدار {version}",
    },
    "Data directory: {path}": {
        "fr": "Dossier des données : {path}",
        "es": "Carpeta de datos: {path}",
        "ar": "مجلد البيانات: {path}",
    },
    "F, M or <": {"fr": "F, M ou <", "es": "F, M o <", "ar": "F أو M أو <"},
    "Incident number: {incident}": {
        "fr": "Numéro d'incident : {incident}",
        "es": "Número de incidente: {incident}",
        "ar": "رقم الحادثة: {incident}",
    },
    "Laissez": {"fr": "Laissez", "es": "Laissez", "ar": "Laissez"},
    "Line {line} has the wrong length: it should have {expected}. Check for a missing or "
    "extra character.": {
        "fr": "La ligne {line} n'a pas la bonne longueur : elle doit compter {expected}. "
        "Cherchez un caractère manquant ou en trop.",
        "es": "La línea {line} no tiene la longitud correcta: debe tener {expected}. "
        "Busque un carácter que falte o sobre.",
        "ar": "طول السطر {line} غير صحيح: يجب أن يكون {expected}. ابحث عن حرف ناقص أو زائد.",
    },
    "Line {line}, position {position} ({field}): expected {expected}.": {
        "fr": "Ligne {line}, position {position} ({field}) : attendu {expected}.",
        "es": "Línea {line}, posición {position} ({field}): se esperaba {expected}.",
        "ar": "السطر {line}، الموضع {position} ({field}): المتوقع {expected}.",
    },
    "Line {line}, position {position}: the check digit for the {field} does not match. "
    "Compare the {field} with the document.": {
        "fr": "Ligne {line}, position {position} : le chiffre de contrôle ne correspond pas "
        "({field}). Comparez avec le document.",
        "es": "Línea {line}, posición {position}: el dígito de control no coincide "
        "({field}). Compárelo con el documento.",
        "ar": "السطر {line}، الموضع {position}: رقم التحقق غير مطابق ({field}). قارنه بالوثيقة.",
    },
    "Line {line}, position {position}: the {field} is not a possible date.": {
        "fr": "Ligne {line}, position {position} : date impossible ({field}).",
        "es": "Línea {line}, posición {position}: fecha imposible ({field}).",
        "ar": "السطر {line}، الموضع {position}: تاريخ غير ممكن ({field}).",
    },
    "Line {line}, positions {position}-{end}: the {field} is not a code that ICAO Doc 9303 "
    "defines.": {
        "fr": "Ligne {line}, positions {position} à {end} : code inconnu du Doc 9303 de "
        "l'OACI ({field}).",
        "es": "Línea {line}, posiciones {position} a {end}: código no definido en el "
        "Doc 9303 de la OACI ({field}).",
        "ar": "السطر {line}، المواضع {position} إلى {end}: رمز غير معرّف في الوثيقة 9303 "
        "للإيكاو ({field}).",
    },
    "Not an MRZ yet: an MRZ has 2 lines (of 36 or 44 characters) or 3 lines (of 30). "
    "Type or paste every line.": {
        "fr": "Pas encore une ZLA : une ZLA a 2 lignes (de 36 ou 44 caractères) ou 3 lignes "
        "(de 30). Saisissez ou collez toutes les lignes.",
        "es": "Todavía no es una ZLM: una ZLM tiene 2 líneas (de 36 o 44 caracteres) o 3 "
        "líneas (de 30). Escriba o pegue todas las líneas.",
        "ar": "ليست منطقة قراءة آلية بعد: تتكون من سطرين (36 أو 44 حرفًا) أو ثلاثة أسطر "
        "(30 حرفًا). اكتب أو الصق كل الأسطر.",
    },
    ("Not valid: {count} problem.", "Not valid: {count} problems."): {
        "fr": ("Non valide : {count} problème.", "Non valide : {count} problèmes."),
        "es": ("No válida: {count} problema.", "No válida: {count} problemas."),
        "ar": (
            "غير صالحة: لا مشكلات ({count}).",
            "غير صالحة: مشكلة واحدة.",
            "غير صالحة: مشكلتان.",
            "غير صالحة: {count} مشكلات.",
            "غير صالحة: {count} مشكلة.",
            "غير صالحة: {count} مشكلة.",
        ),
    },
    "Protection code (XXA/XXB/XXC): refer before any return.": {
        "fr": "Code de protection (XXA/XXB/XXC) : orienter avant tout retour.",
        "es": "Código de protección (XXA/XXB/XXC): derivar antes de cualquier retorno.",
        "ar": "رمز حماية (XXA/XXB/XXC): يجب الإحالة قبل أي عودة.",
    },
    "Something went wrong inside Laissez. Nothing already saved was lost. If it happens "
    "again, tell your administrator.": {
        "fr": "Une erreur interne s'est produite dans Laissez. Rien de ce qui était enregistré "
        "n'a été perdu. Si cela se reproduit, prévenez votre administrateur.",
        "es": "Se produjo un error interno en Laissez. No se perdió nada de lo guardado. "
        "Si vuelve a ocurrir, avise a su administrador.",
        "ar": "حدث خطأ داخلي في Laissez. لم يُفقد أي شيء محفوظ. إذا تكرر ذلك، فأبلغ المسؤول.",
    },
    "The document could not be read. Try again, or enter the data by hand.": {
        "fr": "Le document n'a pas pu être lu. Réessayez ou saisissez les données à la main.",
        "es": "No se pudo leer el documento. Inténtelo de nuevo o escriba los datos a mano.",
        "ar": "تعذرت قراءة الوثيقة. حاول مرة أخرى أو أدخل البيانات يدويًا.",
    },
    "Type or paste the two or three MRZ lines exactly as printed. Each check digit is "
    "verified as you type.": {
        "fr": "Saisissez ou collez les deux ou trois lignes de la ZLA telles qu'imprimées. "
        "Chaque chiffre de contrôle est vérifié pendant la saisie.",
        "es": "Escriba o pegue las dos o tres líneas de la ZLM tal como están impresas. "
        "Cada dígito de control se verifica mientras escribe.",
        "ar": "اكتب أو الصق سطري أو أسطر منطقة القراءة الآلية الثلاثة كما هي مطبوعة. "
        "يُتحقق من كل رقم تحقق أثناء الكتابة.",
    },
    "Valid {format} MRZ: every check digit matches.": {
        "fr": "ZLA {format} valide : tous les chiffres de contrôle correspondent.",
        "es": "ZLM {format} válida: todos los dígitos de control coinciden.",
        "ar": "منطقة قراءة آلية {format} صالحة: كل أرقام التحقق مطابقة.",
    },
    "a digit 0-9": {
        "fr": "un chiffre de 0 à 9",
        "es": "un dígito del 0 al 9",
        "ar": "رقم من 0 إلى 9",
    },
    "a letter A-Z or <": {
        "fr": "une lettre A-Z ou <",
        "es": "una letra A-Z o <",
        "ar": "حرف من A إلى Z أو <",
    },
    "a letter, a digit or <": {
        "fr": "une lettre, un chiffre ou <",
        "es": "una letra, un dígito o <",
        "ar": "حرف أو رقم أو <",
    },
    "composite check digit": {
        "fr": "chiffre de contrôle global",
        "es": "dígito de control compuesto",
        "ar": "رقم التحقق المركب",
    },
    "date of birth": {
        "fr": "date de naissance",
        "es": "fecha de nacimiento",
        "ar": "تاريخ الميلاد",
    },
    "date of birth check digit": {
        "fr": "chiffre de contrôle de la date de naissance",
        "es": "dígito de control de la fecha de nacimiento",
        "ar": "رقم التحقق لتاريخ الميلاد",
    },
    "date of expiry": {
        "fr": "date d'expiration",
        "es": "fecha de caducidad",
        "ar": "تاريخ الانتهاء",
    },
    "date of expiry check digit": {
        "fr": "chiffre de contrôle de la date d'expiration",
        "es": "dígito de control de la fecha de caducidad",
        "ar": "رقم التحقق لتاريخ الانتهاء",
    },
    "document code": {"fr": "code du document", "es": "código del documento", "ar": "رمز الوثيقة"},
    "document number": {
        "fr": "numéro du document",
        "es": "número del documento",
        "ar": "رقم الوثيقة",
    },
    "document number check digit": {
        "fr": "chiffre de contrôle du numéro",
        "es": "dígito de control del número",
        "ar": "رقم التحقق لرقم الوثيقة",
    },
    "issuing State": {"fr": "État de délivrance", "es": "Estado emisor", "ar": "الدولة المُصدِرة"},
    "name": {"fr": "nom", "es": "nombre", "ar": "الاسم"},
    "nationality": {"fr": "nationalité", "es": "nacionalidad", "ar": "الجنسية"},
    "optional data": {
        "fr": "données facultatives",
        "es": "datos opcionales",
        "ar": "بيانات اختيارية",
    },
    "optional data (line 2)": {
        "fr": "données facultatives (ligne 2)",
        "es": "datos opcionales (línea 2)",
        "ar": "بيانات اختيارية (السطر 2)",
    },
    "optional data check digit": {
        "fr": "chiffre de contrôle des données facultatives",
        "es": "dígito de control de los datos opcionales",
        "ar": "رقم التحقق للبيانات الاختيارية",
    },
    "sex": {"fr": "sexe", "es": "sexo", "ar": "الجنس"},
    "whole line (composite)": {
        "fr": "ligne entière (global)",
        "es": "línea completa (compuesto)",
        "ar": "السطر كاملًا (مركب)",
    },
}

# Each feature keeps its translations in its own ``scripts/catalogue_<feature>.py`` exporting
# one dict named ``TABLE`` (or ``DESKTOP``), so branches never edit the same table.
for _path in sorted(Path(__file__).resolve().parent.glob("catalogue_*.py")):
    _module = importlib.import_module(_path.stem)
    T.update(getattr(_module, "TABLE", None) or _module.DESKTOP)


def main() -> None:
    """Fill laissez/locale/<lang>/LC_MESSAGES/laissez.po for fr, es, ar."""
    with (ROOT / "laissez.pot").open("rb") as handle:
        template = read_po(handle)
    for lang in ("fr", "es", "ar"):
        path = ROOT / lang / "LC_MESSAGES" / "laissez.po"
        existing: Catalog | None = None
        if path.exists():
            with path.open("rb") as handle:
                existing = read_po(handle, locale=lang)
        catalog = Catalog(locale=lang, project="Laissez", copyright_holder="Laissez developers")
        for message in template:
            if not message.id:
                continue
            old = existing.get(message.id) if existing else None
            if old is not None and old.string and any(old.string):
                string = old.string
            else:
                string = T.get(message.id, {}).get(lang, "")
            catalog.add(message.id, string, auto_comments=message.auto_comments)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, omit_header=False, sort_output=True, width=100)
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{lang}: {len(catalog)} messages, {len(missing)} untranslated")


if __name__ == "__main__":
    main()
