"""The recogniser, loaded once per process; a one-line reason when the OCR stack is missing."""

from __future__ import annotations

from functools import lru_cache

ENGINE_THREADS = 1

INSTALL_HINT = ("OCR unavailable ({error}): pip install 'rapidocr-onnxruntime>=1.4' "
                "(and apt install libgl1, or opencv-python-headless, if cv2 cannot load libGL)")


def unavailable_reason() -> str | None:
    """None when OCR can run here; otherwise what to install, in one line."""
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except Exception as exc:  # noqa: BLE001 - ImportError, or OSError for a missing libGL
        return INSTALL_HINT.format(error=f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    return None


@lru_cache(maxsize=1)
def engine():
    """rapidocr's pipeline (PP-OCRv4 det/rec + direction classifier, all inside the wheel)."""
    from rapidocr_onnxruntime import RapidOCR

    # One thread per process: parallelism comes from the batch's workers (--jobs); onnxruntime's
    # own threads spin against them and took 4x the wall time on a loaded 2-core machine.
    return RapidOCR(intra_op_num_threads=ENGINE_THREADS, inter_op_num_threads=ENGINE_THREADS)


def recognise_lines(images: list) -> list[tuple[str, float]]:
    """Text and score of each one-line image (grey or BGR uint8 arrays), in order."""
    if not images:
        return []
    import cv2

    bgr = [cv2.cvtColor(im, cv2.COLOR_GRAY2BGR) if im.ndim == 2 else im for im in images]
    result, _ = engine().text_rec(bgr)
    return [(str(text), float(score)) for text, score in result]


def detect_lines(image) -> list[tuple[list, str, float]]:
    """Full detection + recognition of a page (narrative pages: title, agency, date)."""
    result, _ = engine()(image)
    return [(box, str(text), float(score)) for box, text, score in (result or [])]


# The direction classifier's vote counts only when it is this sure (rapidocr's own cls_thresh).
UPSIDE_DOWN_SURE = 0.9


def upside_down_votes(images: list) -> list[int]:
    """For each one-line image, the direction classifier's vote: +1 sure it is upside down,
    -1 sure it is upright, 0 unsure."""
    if not images:
        return []
    import cv2

    bgr = [cv2.cvtColor(im, cv2.COLOR_GRAY2BGR) if im.ndim == 2 else im for im in images]
    _, result, _ = engine().text_cls([im.copy() for im in bgr])
    return [0 if score < UPSIDE_DOWN_SURE else (1 if label == "180" else -1) for label, score in result]
