"""Read machine-readable zones from images (PP-OCR through onnxruntime, then passporteye +
tesseract on what is left of a fixed number of attempts; a correction stage that never
rewrites what an engine read with confidence).

>>> from laissez.documents.ocr import read_mrz  # doctest: +SKIP
>>> reading = read_mrz("passport.jpg")  # doctest: +SKIP
>>> reading.valid, reading.uncertain  # doctest: +SKIP
(True, ())
"""

from laissez.documents.ocr.correction import Corrected, Correction, correct
from laissez.documents.ocr.images import load_image
from laissez.documents.ocr.reader import MrzReading, read_mrz

__all__ = ["Corrected", "Correction", "MrzReading", "correct", "load_image", "read_mrz"]
