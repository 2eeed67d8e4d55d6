"""Translations of the issue-and-print step's strings (merged into ``fill_catalogues.T``)."""

from __future__ import annotations

TABLE: dict[str, dict[str, object]] = {
    "The printer jammed": {
        "fr": "L'imprimante s'est bloquée",
        "es": "La impresora se atascó",
        "ar": "انحشر الورق في الطابعة",
    },
    "The print is faint or smudged": {
        "fr": "L'impression est pâle ou tachée",
        "es": "La impresión es tenue o está manchada",
        "ar": "الطباعة باهتة أو ملطخة",
    },
    "The printed copy was damaged": {
        "fr": "L'exemplaire imprimé a été abîmé",
        "es": "La copia impresa se dañó",
        "ar": "تلفت النسخة المطبوعة",
    },
    "The copy was lost before it was handed over": {
        "fr": "L'exemplaire a été perdu avant d'être remis",
        "es": "La copia se perdió antes de entregarla",
        "ar": "فُقدت النسخة قبل تسليمها",
    },
    "It was printed on the wrong paper": {
        "fr": "Il a été imprimé sur le mauvais papier",
        "es": "Se imprimió en el papel equivocado",
        "ar": "طُبعت على ورق غير مناسب",
    },
    "Issued": {"fr": "Délivré", "es": "Expedido", "ar": "صادرة"},
    "VOIDED": {"fr": "ANNULÉ", "es": "ANULADO", "ar": "ملغاة"},
    "REVOKED": {"fr": "RÉVOQUÉ", "es": "REVOCADO", "ar": "مسحوبة"},
    "Reprint the travel document": {
        "fr": "Réimprimer le titre de voyage",
        "es": "Reimprimir el documento de viaje",
        "ar": "إعادة طباعة وثيقة السفر",
    },
    "Document {number} is printed again with the same seal and machine-readable zone. "
    "The reprint and its reason are kept in the print log.": {
        "fr": "Le document {number} est imprimé à nouveau avec le même cachet et la même zone "
        "de lecture automatique. La réimpression et son motif sont conservés dans le journal "
        "d'impression.",
        "es": "El documento {number} se imprime de nuevo con el mismo sello y la misma zona de "
        "lectura mecánica. La reimpresión y su motivo quedan en el registro de impresión.",
        "ar": "تُطبع الوثيقة {number} مرة أخرى بالختم نفسه ومنطقة القراءة الآلية نفسها. "
        "وتُحفظ إعادة الطباعة وسببها في سجل الطباعة.",
    },
    "Choose a reason…": {
        "fr": "Choisissez un motif…",
        "es": "Elija un motivo…",
        "ar": "اختر سببًا…",
    },
    "Reason for the reprint": {
        "fr": "Motif de la réimpression",
        "es": "Motivo de la reimpresión",
        "ar": "سبب إعادة الطباعة",
    },
    "&Reason": {"fr": "&Motif", "es": "&Motivo", "ar": "السبب"},
    "Reason": {"fr": "Motif", "es": "Motivo", "ar": "السبب"},
    "Reprint": {"fr": "Réimprimer", "es": "Reimprimir", "ar": "إعادة الطباعة"},
    "Zoom &out": {"fr": "Zoom &arrière", "es": "&Alejar", "ar": "تصغير"},
    "Zoom out of the preview": {
        "fr": "Réduire l'aperçu",
        "es": "Alejar la vista previa",
        "ar": "تصغير المعاينة",
    },
    "Zoom &in": {"fr": "Zoom a&vant", "es": "A&cercar", "ar": "تكبير"},
    "Zoom into the preview": {
        "fr": "Agrandir l'aperçu",
        "es": "Acercar la vista previa",
        "ar": "تكبير المعاينة",
    },
    "Preview of the travel document": {
        "fr": "Aperçu du titre de voyage",
        "es": "Vista previa del documento de viaje",
        "ar": "معاينة وثيقة السفر",
    },
    "{percent} %": {"fr": "{percent} %", "es": "{percent} %", "ar": "{percent}٪"},
    "Page {number}": {"fr": "Page {number}", "es": "Página {number}", "ar": "الصفحة {number}"},
    "Issue and print the travel document": {
        "fr": "Délivrer et imprimer le titre de voyage",
        "es": "Expedir e imprimir el documento de viaje",
        "ar": "إصدار وثيقة السفر وطباعتها",
    },
    "&Issue travel document": {
        "fr": "&Délivrer le titre de voyage",
        "es": "&Expedir el documento de viaje",
        "ar": "إصدار وثيقة السفر",
    },
    "Issue the travel document": {
        "fr": "Délivrer le titre de voyage",
        "es": "Expedir el documento de viaje",
        "ar": "إصدار وثيقة السفر",
    },
    "Go to &approval": {
        "fr": "Aller à l'&approbation",
        "es": "Ir a la &aprobación",
        "ar": "الانتقال إلى الموافقة",
    },
    "Go to the approval step": {
        "fr": "Aller à l'étape d'approbation",
        "es": "Ir al paso de aprobación",
        "ar": "الانتقال إلى خطوة الموافقة",
    },
    "&Travel documents of the case": {
        "fr": "&Titres de voyage du dossier",
        "es": "&Documentos de viaje del expediente",
        "ar": "وثائق السفر الخاصة بالملف",
    },
    "Travel documents of the case": {
        "fr": "Titres de voyage du dossier",
        "es": "Documentos de viaje del expediente",
        "ar": "وثائق السفر الخاصة بالملف",
    },
    "&Print…": {"fr": "&Imprimer…", "es": "&Imprimir…", "ar": "طباعة…"},
    "Print the travel document": {
        "fr": "Imprimer le titre de voyage",
        "es": "Imprimir el documento de viaje",
        "ar": "طباعة وثيقة السفر",
    },
    "&Reprint…": {"fr": "&Réimprimer…", "es": "&Reimprimir…", "ar": "إعادة الطباعة…"},
    "Reprint the travel document with a reason": {
        "fr": "Réimprimer le titre de voyage en indiquant un motif",
        "es": "Reimprimir el documento de viaje indicando un motivo",
        "ar": "إعادة طباعة وثيقة السفر مع ذكر السبب",
    },
    "Print &log": {
        "fr": "&Journal d'impression",
        "es": "&Registro de impresión",
        "ar": "سجل الطباعة",
    },
    "Print log": {"fr": "Journal d'impression", "es": "Registro de impresión", "ar": "سجل الطباعة"},
    "When": {"fr": "Quand", "es": "Cuándo", "ar": "الوقت"},
    "Kind": {"fr": "Type", "es": "Tipo", "ar": "النوع"},
    "Printer": {"fr": "Imprimante", "es": "Impresora", "ar": "الطابعة"},
    "Copies": {"fr": "Exemplaires", "es": "Copias", "ar": "النسخ"},
    "By": {"fr": "Par", "es": "Por", "ar": "بواسطة"},
    "Before the travel document can be issued:": {
        "fr": "Avant de pouvoir délivrer le titre de voyage :",
        "es": "Antes de poder expedir el documento de viaje:",
        "ar": "قبل أن يمكن إصدار وثيقة السفر:",
    },
    "Only an approved case can be issued a travel document.": {
        "fr": "Seul un dossier approuvé peut recevoir un titre de voyage.",
        "es": "Solo un expediente aprobado puede recibir un documento de viaje.",
        "ar": "لا تصدر وثيقة سفر إلا لملف تمت الموافقة عليه.",
    },
    "No document numbers are left on this computer: sync with headquarters, or load numbers "
    "from an offline bundle.": {
        "fr": "Il ne reste aucun numéro de document sur cet ordinateur : synchronisez avec le "
        "siège, ou chargez des numéros depuis un paquet hors ligne.",
        "es": "No quedan números de documento en este ordenador: sincronice con la sede o "
        "cargue números desde un paquete sin conexión.",
        "ar": "لم تبقَ أرقام وثائق على هذا الحاسوب: زامن مع المقر، أو حمّل أرقامًا من حزمة غير متصلة.",
    },
    (
        "Only {count} document number is left on this computer: sync with headquarters soon, "
        "or load numbers from an offline bundle.",
        "Only {count} document numbers are left on this computer: sync with headquarters soon, "
        "or load numbers from an offline bundle.",
    ): {
        "fr": (
            "Il ne reste que {count} numéro de document sur cet ordinateur : synchronisez "
            "bientôt avec le siège, ou chargez des numéros depuis un paquet hors ligne.",
            "Il ne reste que {count} numéros de document sur cet ordinateur : synchronisez "
            "bientôt avec le siège, ou chargez des numéros depuis un paquet hors ligne.",
        ),
        "es": (
            "Solo queda {count} número de documento en este ordenador: sincronice pronto con "
            "la sede o cargue números desde un paquete sin conexión.",
            "Solo quedan {count} números de documento en este ordenador: sincronice pronto con "
            "la sede o cargue números desde un paquete sin conexión.",
        ),
        "ar": (
            "لم تبقَ أرقام وثائق ({count}) على هذا الحاسوب: زامن مع المقر قريبًا، أو حمّل "
            "أرقامًا من حزمة غير متصلة.",
            "لم يبقَ إلا رقم وثيقة واحد على هذا الحاسوب: زامن مع المقر قريبًا، أو حمّل أرقامًا "
            "من حزمة غير متصلة.",
            "لم يبقَ إلا رقما وثيقتين على هذا الحاسوب: زامن مع المقر قريبًا، أو حمّل أرقامًا "
            "من حزمة غير متصلة.",
            "لم يبقَ إلا {count} أرقام وثائق على هذا الحاسوب: زامن مع المقر قريبًا، أو حمّل "
            "أرقامًا من حزمة غير متصلة.",
            "لم يبقَ إلا {count} رقم وثيقة على هذا الحاسوب: زامن مع المقر قريبًا، أو حمّل "
            "أرقامًا من حزمة غير متصلة.",
            "لم يبقَ إلا {count} رقم وثيقة على هذا الحاسوب: زامن مع المقر قريبًا، أو حمّل "
            "أرقامًا من حزمة غير متصلة.",
        ),
    },
    "Voided: this document is on the revocation list and cannot be printed.": {
        "fr": "Annulé : ce document figure sur la liste de révocation et ne peut pas être imprimé.",
        "es": "Anulado: este documento está en la lista de revocación y no se puede imprimir.",
        "ar": "ملغاة: هذه الوثيقة مدرجة في قائمة السحب ولا يمكن طباعتها.",
    },
    "Ready to print: the document has not been printed yet.": {
        "fr": "Prêt à imprimer : le document n'a pas encore été imprimé.",
        "es": "Listo para imprimir: el documento aún no se ha impreso.",
        "ar": "جاهزة للطباعة: لم تُطبع الوثيقة بعد.",
    },
    "Printed. To print it again, choose Reprint and a reason.": {
        "fr": "Imprimé. Pour l'imprimer à nouveau, choisissez Réimprimer et un motif.",
        "es": "Impreso. Para imprimirlo de nuevo, elija Reimprimir y un motivo.",
        "ar": "طُبعت. لطباعتها مرة أخرى، اختر إعادة الطباعة وسببًا.",
    },
    "A voided document is not shown.": {
        "fr": "Un document annulé n'est pas affiché.",
        "es": "Un documento anulado no se muestra.",
        "ar": "لا تُعرض الوثيقة الملغاة.",
    },
    "The preview appears when the document is reprinted.": {
        "fr": "L'aperçu apparaît lorsque le document est réimprimé.",
        "es": "La vista previa aparece cuando se reimprime el documento.",
        "ar": "تظهر المعاينة عند إعادة طباعة الوثيقة.",
    },
    "No travel document has been issued in this case yet.": {
        "fr": "Aucun titre de voyage n'a encore été délivré dans ce dossier.",
        "es": "Todavía no se ha expedido ningún documento de viaje en este expediente.",
        "ar": "لم تصدر أي وثيقة سفر في هذا الملف بعد.",
    },
    "Original": {"fr": "Original", "es": "Original", "ar": "الأصل"},
    "not printed yet": {"fr": "pas encore imprimé", "es": "aún no impreso", "ar": "لم تُطبع بعد"},
    "PDF file": {"fr": "Fichier PDF", "es": "Archivo PDF", "ar": "ملف PDF"},
    "Document {number} issued. Check the preview, then print it.": {
        "fr": "Document {number} délivré. Vérifiez l'aperçu, puis imprimez-le.",
        "es": "Documento {number} expedido. Revise la vista previa y luego imprímalo.",
        "ar": "صدرت الوثيقة {number}. راجع المعاينة ثم اطبعها.",
    },
    "This document was already printed. To print it again, choose Reprint and a reason.": {
        "fr": "Ce document a déjà été imprimé. Pour l'imprimer à nouveau, choisissez "
        "Réimprimer et un motif.",
        "es": "Este documento ya se imprimió. Para imprimirlo de nuevo, elija Reimprimir y un "
        "motivo.",
        "ar": "طُبعت هذه الوثيقة من قبل. لطباعتها مرة أخرى، اختر إعادة الطباعة وسببًا.",
    },
    "Printing cancelled. Nothing was recorded.": {
        "fr": "Impression annulée. Rien n'a été enregistré.",
        "es": "Impresión cancelada. No se registró nada.",
        "ar": "أُلغيت الطباعة. لم يُسجَّل شيء.",
    },
    "Printing…": {"fr": "Impression…", "es": "Imprimiendo…", "ar": "جارٍ الطباعة…"},
    "The printer could not be used. Check that it is on and connected, then try again. "
    "Nothing was recorded.": {
        "fr": "L'imprimante n'a pas pu être utilisée. Vérifiez qu'elle est allumée et "
        "connectée, puis réessayez. Rien n'a été enregistré.",
        "es": "No se pudo usar la impresora. Compruebe que está encendida y conectada y vuelva "
        "a intentarlo. No se registró nada.",
        "ar": "تعذّر استخدام الطابعة. تحقّق من أنها مشغّلة وموصولة، ثم أعد المحاولة. لم يُسجَّل شيء.",
    },
    (
        "Printed {count} copy. The print log has a new line.",
        "Printed {count} copies. The print log has a new line.",
    ): {
        "fr": (
            "{count} exemplaire imprimé. Le journal d'impression a une nouvelle ligne.",
            "{count} exemplaires imprimés. Le journal d'impression a une nouvelle ligne.",
        ),
        "es": (
            "{count} copia impresa. El registro de impresión tiene una línea nueva.",
            "{count} copias impresas. El registro de impresión tiene una línea nueva.",
        ),
        "ar": (
            "طُبعت {count} نسخة. أُضيف سطر إلى سجل الطباعة.",
            "طُبعت نسخة واحدة. أُضيف سطر إلى سجل الطباعة.",
            "طُبعت نسختان. أُضيف سطر إلى سجل الطباعة.",
            "طُبعت {count} نسخ. أُضيف سطر إلى سجل الطباعة.",
            "طُبعت {count} نسخة. أُضيف سطر إلى سجل الطباعة.",
            "طُبعت {count} نسخة. أُضيف سطر إلى سجل الطباعة.",
        ),
    },
    "The travel document cannot be issued yet:": {
        "fr": "Le titre de voyage ne peut pas encore être délivré :",
        "es": "Todavía no se puede expedir el documento de viaje:",
        "ar": "لا يمكن إصدار وثيقة السفر بعد:",
    },
    "This document was voided or revoked: it can no longer be printed.": {
        "fr": "Ce document a été annulé ou révoqué : il ne peut plus être imprimé.",
        "es": "Este documento fue anulado o revocado: ya no se puede imprimir.",
        "ar": "أُلغيت هذه الوثيقة أو سُحبت: لم يعد من الممكن طباعتها.",
    },
    "The document could not be laid out. Check that the person's photo was captured, then "
    "try again.": {
        "fr": "Le document n'a pas pu être mis en page. Vérifiez que la photo de la personne a "
        "été prise, puis réessayez.",
        "es": "No se pudo componer el documento. Compruebe que se tomó la foto de la persona y "
        "vuelva a intentarlo.",
        "ar": "تعذّر إخراج الوثيقة. تحقّق من التقاط صورة الشخص، ثم أعد المحاولة.",
    },
    "No seal signing key is installed at this mission. Ask your administrator.": {
        "fr": "Aucune clé de signature du cachet n'est installée dans cette mission. "
        "Adressez-vous à votre administrateur.",
        "es": "No hay ninguna clave de firma del sello instalada en esta misión. Consulte a su "
        "administrador.",
        "ar": "لا يوجد مفتاح توقيع للختم مثبّت في هذه البعثة. اسأل المسؤول.",
    },
    "This document no longer exists on this computer.": {
        "fr": "Ce document n'existe plus sur cet ordinateur.",
        "es": "Este documento ya no existe en este ordenador.",
        "ar": "لم تعد هذه الوثيقة موجودة على هذا الحاسوب.",
    },
}
