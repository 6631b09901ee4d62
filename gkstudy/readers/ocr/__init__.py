"""Offline OCR of page images (scans, photos, tables pasted as pictures) into a Document of tokens.

The cell grid comes from the page's ruling lines (OpenCV), each cell's text from its own crop
(rapidocr's PP-OCRv4 recogniser, models inside the wheel: nothing is downloaded). Every token
carries the flag ``ocr`` and the recogniser's score, so the same mapper, checks and repair as for
the other formats apply and the identities decide which values are trusted.
"""
