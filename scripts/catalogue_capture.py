"""Translations of the document-capture widget's strings (image reading, live MRZ checks,
photograph, camera) and of the image and OCR error sentences in ``desktop/messages.py``
(merged into ``fill_catalogues.T``)."""

from __future__ import annotations

TABLE: dict[str, dict[str, object]] = {
    "&MRZ lines (read from the image, or type them)": {
        "fr": "Lignes de la &ZLA (lues sur l'image, ou tapez-les)",
        "es": "Líneas de la &ZLM (leídas de la imagen, o escríbalas)",
        "ar": "أسطر منطقة القراءة الآلية (تُقرأ من الصورة، أو اكتبها)",
    },
    "Machine-readable zone, typed": {
        "fr": "Zone de lecture automatique, saisie",
        "es": "Zona de lectura mecánica, escrita",
        "ar": "منطقة القراءة الآلية، مكتوبة",
    },
    "Type or paste the two or three MRZ lines exactly as printed.": {
        "fr": "Tapez ou collez les deux ou trois lignes de la ZLA exactement comme imprimées.",
        "es": "Escriba o pegue las dos o tres líneas de la ZLM exactamente como están impresas.",
        "ar": "اكتب أو الصق السطرين أو الأسطر الثلاثة لمنطقة القراءة الآلية كما طُبعت تمامًا.",
    },
    "Reading progress": {
        "fr": "Progression de la lecture",
        "es": "Progreso de la lectura",
        "ar": "تقدّم القراءة",
    },
    "Image of the document": {
        "fr": "Image du document",
        "es": "Imagen del documento",
        "ar": "صورة الوثيقة",
    },
    "Problems in the MRZ": {
        "fr": "Problèmes dans la ZLA",
        "es": "Problemas en la ZLM",
        "ar": "المشكلات في منطقة القراءة الآلية",
    },
    "Photograph": {"fr": "Photographie", "es": "Fotografía", "ar": "الصورة الشخصية"},
    "Photograph of the person": {
        "fr": "Photographie de la personne",
        "es": "Fotografía de la persona",
        "ar": "الصورة الشخصية لصاحب الوثيقة",
    },
    "Characters per line": {
        "fr": "Caractères par ligne",
        "es": "Caracteres por línea",
        "ar": "عدد الأحرف في كل سطر",
    },
    "MRZ verdict": {
        "fr": "Résultat de la vérification de la ZLA",
        "es": "Resultado de la comprobación de la ZLM",
        "ar": "نتيجة التحقق من منطقة القراءة الآلية",
    },
    "Reading status": {
        "fr": "État de la lecture",
        "es": "Estado de la lectura",
        "ar": "حالة القراءة",
    },
    "Open an image of the document": {
        "fr": "Ouvrir une image du document",
        "es": "Abrir una imagen del documento",
        "ar": "فتح صورة للوثيقة",
    },
    "Images and PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)": {
        "fr": "Images et PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)",
        "es": "Imágenes y PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)",
        "ar": "الصور وملفات PDF (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)",
    },
    "Reading the document…": {
        "fr": "Lecture du document…",
        "es": "Leyendo el documento…",
        "ar": "جارٍ قراءة الوثيقة…",
    },
    "Open the photograph": {
        "fr": "Ouvrir la photographie",
        "es": "Abrir la fotografía",
        "ar": "فتح الصورة الشخصية",
    },
    "No photo": {"fr": "Pas de photo", "es": "Sin foto", "ar": "لا توجد صورة"},
    "Drop an image of the document here": {
        "fr": "Déposez ici une image du document",
        "es": "Suelte aquí una imagen del documento",
        "ar": "أفلت صورة الوثيقة هنا",
    },
    "&Open image…": {"fr": "&Ouvrir une image…", "es": "&Abrir imagen…", "ar": "فتح صورة…"},
    "Use cam&era": {
        "fr": "Utiliser la cam&éra",
        "es": "Usar la cá&mara",
        "ar": "استخدام الكاميرا",
    },
    "Read the document with the camera": {
        "fr": "Lire le document avec la caméra",
        "es": "Leer el documento con la cámara",
        "ar": "قراءة الوثيقة بالكاميرا",
    },
    "&Cancel reading": {
        "fr": "A&nnuler la lecture",
        "es": "&Cancelar la lectura",
        "ar": "إلغاء القراءة",
    },
    "Cancel reading the document": {
        "fr": "Annuler la lecture du document",
        "es": "Cancelar la lectura del documento",
        "ar": "إلغاء قراءة الوثيقة",
    },
    "&Use this MRZ": {
        "fr": "&Utiliser cette ZLA",
        "es": "&Usar esta ZLM",
        "ar": "استخدام منطقة القراءة الآلية هذه",
    },
    "Use this MRZ": {
        "fr": "Utiliser cette ZLA",
        "es": "Usar esta ZLM",
        "ar": "استخدام منطقة القراءة الآلية هذه",
    },
    "Photo from the &document": {
        "fr": "Photo tirée du &document",
        "es": "Foto del &documento",
        "ar": "صورة من الوثيقة",
    },
    "Use the document image as the photograph": {
        "fr": "Utiliser l'image du document comme photographie",
        "es": "Usar la imagen del documento como fotografía",
        "ar": "استخدام صورة الوثيقة صورةً شخصية",
    },
    "Photo from a &file…": {
        "fr": "Photo depuis un &fichier…",
        "es": "Foto desde un a&rchivo…",
        "ar": "صورة من ملف…",
    },
    "Open the photograph from a file": {
        "fr": "Ouvrir la photographie depuis un fichier",
        "es": "Abrir la fotografía desde un archivo",
        "ar": "فتح الصورة الشخصية من ملف",
    },
    "Photo from the camer&a": {
        "fr": "Photo prise &avec la caméra",
        "es": "Foto con la cámar&a",
        "ar": "صورة بالكاميرا",
    },
    "Take the photograph with the camera": {
        "fr": "Prendre la photographie avec la caméra",
        "es": "Tomar la fotografía con la cámara",
        "ar": "التقاط الصورة الشخصية بالكاميرا",
    },
    "&Remove photo": {
        "fr": "&Retirer la photo",
        "es": "&Quitar la foto",
        "ar": "إزالة الصورة",
    },
    "Remove the photograph": {
        "fr": "Retirer la photographie",
        "es": "Quitar la fotografía",
        "ar": "إزالة الصورة الشخصية",
    },
    "Cancelling…": {"fr": "Annulation…", "es": "Cancelando…", "ar": "جارٍ الإلغاء…"},
    "No MRZ was found in this image. Try a sharper, straighter image that shows the whole "
    "MRZ, or type the MRZ below.": {
        "fr": "Aucune ZLA n'a été trouvée sur cette image. Essayez une image plus nette et plus "
        "droite qui montre toute la ZLA, ou tapez la ZLA ci-dessous.",
        "es": "No se encontró ninguna ZLM en esta imagen. Pruebe con una imagen más nítida y "
        "más recta que muestre toda la ZLM, o escriba la ZLM abajo.",
        "ar": "لم يُعثر على منطقة قراءة آلية في هذه الصورة. جرّب صورة أوضح وأكثر استقامة "
        "تُظهر المنطقة كاملة، أو اكتب منطقة القراءة الآلية أدناه.",
    },
    "MRZ read. Compare it with the document, then choose “Use this MRZ”.": {
        "fr": "ZLA lue. Comparez-la avec le document, puis choisissez « Utiliser cette ZLA ».",
        "es": "ZLM leída. Compárela con el documento y elija «Usar esta ZLM».",
        "ar": "قُرئت منطقة القراءة الآلية. قارنها بالوثيقة، ثم اختر «استخدام منطقة "
        "القراءة الآلية هذه».",
    },
    "MRZ read, but some characters are doubtful. Compare each highlighted character with "
    "the document and correct it.": {
        "fr": "ZLA lue, mais certains caractères sont douteux. Comparez chaque caractère "
        "surligné avec le document et corrigez-le.",
        "es": "ZLM leída, pero algunos caracteres son dudosos. Compare cada carácter resaltado "
        "con el documento y corríjalo.",
        "ar": "قُرئت منطقة القراءة الآلية، لكن بعض الأحرف مشكوك فيها. قارن كل حرف مظلّل "
        "بالوثيقة وصحّحه.",
    },
    "Reading cancelled. Open another image, or type the MRZ.": {
        "fr": "Lecture annulée. Ouvrez une autre image, ou tapez la ZLA.",
        "es": "Lectura cancelada. Abra otra imagen, o escriba la ZLM.",
        "ar": "أُلغيت القراءة. افتح صورة أخرى، أو اكتب منطقة القراءة الآلية.",
    },
    "Characters per line:": {
        "fr": "Caractères par ligne :",
        "es": "Caracteres por línea:",
        "ar": "عدد الأحرف في كل سطر:",
    },
    "This is not an MRZ yet: correct the lines listed below, then use it.": {
        "fr": "Ce n'est pas encore une ZLA : corrigez les lignes indiquées ci-dessous, puis "
        "utilisez-la.",
        "es": "Todavía no es una ZLM: corrija las líneas indicadas abajo y después úsela.",
        "ar": "هذه ليست منطقة قراءة آلية بعد: صحّح الأسطر المذكورة أدناه، ثم استخدمها.",
    },
    "Not an MRZ yet.": {
        "fr": "Pas encore une ZLA.",
        "es": "Todavía no es una ZLM.",
        "ar": "ليست منطقة قراءة آلية بعد.",
    },
    "You may still use this MRZ.": {
        "fr": "Vous pouvez tout de même utiliser cette ZLA.",
        "es": "Puede usar esta ZLM de todos modos.",
        "ar": "يمكنك مع ذلك استخدام منطقة القراءة الآلية هذه.",
    },
    "line {line}: {ratio}": {
        "fr": "ligne {line} : {ratio}",
        "es": "línea {line}: {ratio}",
        "ar": "السطر {line}: {ratio}",
    },
    "Line {line}, positions {position}-{end}: the reader was not sure of the {field}. "
    "Compare it with the document.": {
        "fr": "Ligne {line}, positions {position} à {end} : la lecture du champ « {field} » "
        "est incertaine. Comparez-le avec le document.",
        "es": "Línea {line}, posiciones {position} a {end}: la lectura del campo «{field}» es "
        "dudosa. Compárelo con el documento.",
        "ar": "السطر {line}، المواضع من {position} إلى {end}: القراءة غير مؤكدة لحقل "
        "«{field}». قارنه بالوثيقة.",
    },
    "Camera": {"fr": "Caméra", "es": "Cámara", "ar": "الكاميرا"},
    "Camera picture": {
        "fr": "Image de la caméra",
        "es": "Imagen de la cámara",
        "ar": "صورة الكاميرا",
    },
    "Hold the document flat and still, then take the picture.": {
        "fr": "Tenez le document à plat et immobile, puis prenez la photo.",
        "es": "Mantenga el documento plano y quieto, y tome la foto.",
        "ar": "أمسك الوثيقة مسطّحة وثابتة، ثم التقط الصورة.",
    },
    "&Take picture": {"fr": "&Prendre la photo", "es": "&Tomar la foto", "ar": "التقاط الصورة"},
    "This file is empty. Choose another image of the document, or type the MRZ.": {
        "fr": "Ce fichier est vide. Choisissez une autre image du document, ou tapez la ZLA.",
        "es": "Este archivo está vacío. Elija otra imagen del documento, o escriba la ZLM.",
        "ar": "هذا الملف فارغ. اختر صورة أخرى للوثيقة، أو اكتب منطقة القراءة الآلية.",
    },
    "This image is too large to read. Scan the document again at a lower resolution, or "
    "type the MRZ.": {
        "fr": "Cette image est trop grande pour être lue. Numérisez de nouveau le document à "
        "une résolution plus basse, ou tapez la ZLA.",
        "es": "Esta imagen es demasiado grande para leerla. Vuelva a escanear el documento con "
        "una resolución menor, o escriba la ZLM.",
        "ar": "هذه الصورة أكبر من أن تُقرأ. امسح الوثيقة ضوئيًا مرة أخرى بدقة أقل، أو اكتب "
        "منطقة القراءة الآلية.",
    },
    "This file is not an image Laissez can read, or it is damaged. Choose a PNG, JPEG, TIFF "
    "or PDF file, or type the MRZ.": {
        "fr": "Ce fichier n'est pas une image que Laissez sait lire, ou il est endommagé. "
        "Choisissez un fichier PNG, JPEG, TIFF ou PDF, ou tapez la ZLA.",
        "es": "Este archivo no es una imagen que Laissez pueda leer, o está dañado. Elija un "
        "archivo PNG, JPEG, TIFF o PDF, o escriba la ZLM.",
        "ar": "هذا الملف ليس صورة يستطيع Laissez قراءتها، أو أنه تالف. اختر ملف PNG أو JPEG "
        "أو TIFF أو PDF، أو اكتب منطقة القراءة الآلية.",
    },
    "The text recognition engine is missing or failed. Type the MRZ, and tell your "
    "administrator.": {
        "fr": "Le moteur de reconnaissance de texte est absent ou a échoué. Tapez la ZLA et "
        "prévenez votre administrateur.",
        "es": "El motor de reconocimiento de texto falta o ha fallado. Escriba la ZLM y avise "
        "a su administrador.",
        "ar": "محرّك التعرّف على النصوص غير موجود أو تعطّل. اكتب منطقة القراءة الآلية، وأبلغ "
        "المسؤول عن النظام.",
    },
    "Photograph from the document": {
        "fr": "Photographie tirée du document",
        "es": "Fotografía del documento",
        "ar": "الصورة الشخصية من الوثيقة",
    },
    "Drag a rectangle around the person's photograph, then choose “Use selection”. Or use "
    "the whole image.": {
        "fr": "Tracez un rectangle autour de la photographie de la personne, puis choisissez "
        "« Utiliser la sélection ». Ou utilisez l'image entière.",
        "es": "Trace un rectángulo alrededor de la fotografía de la persona y elija «Usar la "
        "selección». O use la imagen completa.",
        "ar": "اسحب مستطيلًا حول الصورة الشخصية لصاحب الوثيقة، ثم اختر «استخدام التحديد». "
        "أو استخدم الصورة كاملة.",
    },
    "Use &selection": {
        "fr": "Utiliser la &sélection",
        "es": "Usar la &selección",
        "ar": "استخدام التحديد",
    },
    "Use the selected part as the photograph": {
        "fr": "Utiliser la partie sélectionnée comme photographie",
        "es": "Usar la parte seleccionada como fotografía",
        "ar": "استخدام الجزء المحدد صورةً شخصية",
    },
    "Use the &whole image": {
        "fr": "Utiliser l'image &entière",
        "es": "Usar la imagen &completa",
        "ar": "استخدام الصورة كاملة",
    },
    "Use the whole image as the photograph": {
        "fr": "Utiliser l'image entière comme photographie",
        "es": "Usar la imagen completa como fotografía",
        "ar": "استخدام الصورة كاملة صورةً شخصية",
    },
}
