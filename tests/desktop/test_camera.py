"""The camera's live reading, driven without a camera: real frames pushed into the dialog's real
``QVideoSink`` (as a ``QCamera`` does), or a real video file played into it by a
``QMediaPlayer``; the MRZ is read by the real sandboxed reader."""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QImage

from laissez.desktop.capture import MrzCapture
from laissez.desktop.capture.camera import CameraDialog, camera_available
from laissez.documents.ocr import synthetic

pytest.importorskip("PySide6.QtMultimedia")
from PySide6.QtMultimedia import QMediaDevices, QVideoFrame

#: ICAO Doc 9303's specimen passport.
GOOD = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
FRAME = (1280, 720)
BACKGROUND = (58, 52, 46)
#: a camera sends 25 or 30 a second; 10 keeps the test light
FRAME_MS = 100


@pytest.fixture(scope="module")
def pictures() -> dict[str, bytes]:
    """PNG bytes of camera-like frames: the data page held in front of a dark desk, the desk
    alone, and the desk with a sheet of paper and no MRZ."""
    page = synthetic.render(GOOD, random.Random(1), width=960).convert("RGB")
    out = {}
    for name in ("document", "blank", "paper"):
        frame = Image.new("RGB", FRAME, BACKGROUND)
        if name == "document":
            frame.paste(page, ((FRAME[0] - page.width) // 2, (FRAME[1] - page.height) // 2))
        elif name == "paper":
            frame.paste((230, 230, 225), (300, 120, 980, 600))
        buffer = io.BytesIO()
        frame.save(buffer, "PNG")
        out[name] = buffer.getvalue()
    return out


@pytest.fixture(scope="module", autouse=True)
def _reader_started() -> None:
    """The sandbox's fork server started, as the application does at start-up, so that the
    tests time reads, not its start."""
    from laissez.documents import sandbox

    sandbox.warm_up()


def qimage(data: bytes) -> QImage:
    image = QImage.fromData(data)
    assert not image.isNull()
    return image


@pytest.fixture
def dialog(qtbot) -> CameraDialog:
    widget = CameraDialog(read=True)
    qtbot.addWidget(widget)
    widget.open()
    return widget


class Feeder:
    """Pushes a frame into ``sink`` every ``FRAME_MS``, as a camera would; ``choose()`` says
    which picture."""

    def __init__(self, sink, choose) -> None:  # type: ignore[no-untyped-def]
        self.sink = sink
        self.choose = choose
        self.pushed = 0
        self.timer = QTimer()
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.push)
        # the dialog that closes by itself deletes its sink: a camera stops sending then too
        sink.destroyed.connect(self.timer.stop)

    def push(self) -> None:
        self.sink.setVideoFrame(QVideoFrame(self.choose()))
        self.pushed += 1

    def start(self) -> Feeder:
        self.push()
        self.timer.start()
        return self

    def stop(self) -> None:
        self.timer.stop()


def test_the_dialog_reads_frames_until_the_document_and_closes_by_itself(qtbot, dialog, pictures):
    blank, document = qimage(pictures["blank"]), qimage(pictures["document"])
    statuses: list[str] = []
    shown: dict[str, float] = {}

    def choose() -> QImage:
        statuses.append(dialog.status.text())
        if "No MRZ in the picture yet" in dialog.status.text():
            shown.setdefault("document", time.monotonic())
            return document
        return blank

    feeder = Feeder(dialog.sink, choose).start()
    try:
        assert dialog.activity.text() == "Reading…"
        assert dialog.status.text().startswith("Hold the data page still")
        with qtbot.waitSignal(dialog.accepted, timeout=30_000):
            pass
        closed = time.monotonic()
    finally:
        feeder.stop()
    assert not dialog.isVisible()
    assert dialog.reading is not None and dialog.reading.lines == GOOD
    assert dialog.reading.valid and not dialog.reading.uncertain
    assert dialog.preview  # the thumbnail of the frame read, for the capture widget
    assert dialog.still is None
    # the desk, then the page: two reads, one at a time; every other frame was only shown
    assert dialog.reads == 2
    assert dialog.frames == feeder.pushed
    assert dialog.dropped == dialog.frames - dialog.reads
    assert dialog.dropped >= 3
    print(
        f"frames {dialog.frames}, reads {dialog.reads}, "
        f"document to closed {closed - shown['document']:.2f} s"
    )


@pytest.fixture
def capture(qtbot) -> MrzCapture:
    """The identity step's capture widget, shown."""
    widget = MrzCapture()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_cancel_while_reading_leaves_nothing_read(qtbot, capture, pictures):
    from laissez.desktop import workers

    capture.source.scan_from_camera()  # no camera here: the frames come from the test
    dialog = capture.source.camera_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.sink.setVideoFrame(QVideoFrame(qimage(pictures["document"])))
    assert dialog.reads == 1 and dialog.activity.text() == "Reading…"
    job = dialog.reader.job
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert capture.source.camera_dialog is None
    qtbot.waitUntil(lambda: job not in workers._RUNNING, timeout=15_000)
    assert dialog.reading is None and dialog.still is None
    assert capture.editor.toPlainText() == ""
    assert capture.reading is None and not capture.busy
    assert capture.thumbnail.pixmap() is None or capture.thumbnail.pixmap().isNull()


def test_a_valid_reading_goes_into_the_capture_widget(qtbot, capture, pictures):
    capture.source.scan_from_camera()
    dialog = capture.source.camera_dialog
    document = qimage(pictures["document"])
    feeder = Feeder(dialog.sink, lambda: document).start()
    try:
        qtbot.waitUntil(lambda: capture.source.camera_dialog is None, timeout=30_000)
    finally:
        feeder.stop()
    assert capture.editor.toPlainText().splitlines() == list(GOOD)
    assert capture.current_result().valid and capture.current_result().source == "scan"
    assert capture.status.text().startswith("MRZ read.")
    assert not capture.thumbnail.pixmap().isNull()
    assert capture.photo_from_document.isEnabled()  # the frame read is the document image
    assert dialog.reads == 1


def test_taking_a_still_reads_it_like_an_image(qtbot, capture, pictures):
    capture.source.scan_from_camera()
    dialog = capture.source.camera_dialog
    assert not dialog.take_button.isEnabled()  # nothing to take yet
    dialog.sink.setVideoFrame(QVideoFrame(qimage(pictures["paper"])))
    assert dialog.take_button.isEnabled()
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert Image.open(io.BytesIO(dialog.still)).size == FRAME
    assert capture.busy  # the still is read like an opened image
    qtbot.waitUntil(lambda: not capture.busy, timeout=30_000)
    assert capture.status.text().startswith("No MRZ was found in this image.")


def test_the_photograph_from_the_camera(qtbot, capture, pictures):
    capture.photo_box.photo_from_camera_still()
    dialog = capture.photo_box.camera_dialog
    assert dialog.windowTitle() == "Take the photograph with the camera"
    assert "&" in dialog.take_button.text() and dialog.take_button.accessibleName()
    assert dialog.viewer.accessibleName() == "Camera picture"
    assert not dialog.activity.isVisible()  # no "Reading…" line: a photograph is not read
    dialog.sink.setVideoFrame(QVideoFrame(qimage(pictures["paper"])))
    assert dialog.reads == 0  # a photograph is not read
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: capture.photo is not None, timeout=15_000)
    assert Image.open(io.BytesIO(capture.photo)).format == "JPEG"
    assert capture.photo_box.camera_dialog is None


def test_without_a_camera_the_buttons_are_hidden_and_the_dialog_says_so(qtbot, capture):
    if QMediaDevices.videoInputs():
        pytest.skip("a camera is connected to this machine")
    assert not camera_available()
    assert not capture.camera_button.isVisible()
    assert not capture.photo_from_camera.isVisible()
    # reached anyway (the camera was unplugged while the form was open): a sentence
    capture.source.scan_from_camera()
    dialog = capture.source.camera_dialog
    # said where the picture would be
    assert dialog.viewer.message.startswith("No camera is connected.")
    assert "open an image of the document" in dialog.viewer.message
    assert dialog.viewer.image is None
    assert not dialog.take_button.isEnabled()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert capture.source.camera_dialog is None and capture.editor.toPlainText() == ""


def _record(path: Path, pictures: list[QImage], fps: int) -> None:
    """A Motion-JPEG Matroska video of ``pictures``, encoded by Qt Multimedia's own FFmpeg."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtMultimedia import (
        QMediaCaptureSession,
        QMediaFormat,
        QMediaRecorder,
        QVideoFrameInput,
    )

    source = QVideoFrameInput()
    session = QMediaCaptureSession()
    session.setVideoFrameInput(source)
    recorder = QMediaRecorder()
    session.setRecorder(recorder)
    media = QMediaFormat(QMediaFormat.FileFormat.Matroska)
    media.setVideoCodec(QMediaFormat.VideoCodec.MotionJPEG)
    recorder.setMediaFormat(media)
    recorder.setQuality(QMediaRecorder.Quality.VeryHighQuality)
    recorder.setVideoResolution(pictures[0].size())
    recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
    step = 1_000_000 // fps
    sent = [0]

    def send() -> None:
        while sent[0] < len(pictures):
            frame = QVideoFrame(pictures[sent[0]])
            frame.setStartTime(sent[0] * step)
            frame.setEndTime((sent[0] + 1) * step)
            if not source.sendVideoFrame(frame):
                return  # the encoder's queue is full: readyToSendVideoFrame comes again
            sent[0] += 1
        recorder.stop()

    loop = QEventLoop()
    recorder.recorderStateChanged.connect(
        lambda state: state == QMediaRecorder.RecorderState.StoppedState and loop.quit()
    )
    recorder.errorOccurred.connect(lambda *_args: loop.quit())
    source.readyToSendVideoFrame.connect(send)
    recorder.record()
    QTimer.singleShot(0, send)
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    assert recorder.error() == QMediaRecorder.Error.NoError, recorder.errorString()


def test_a_video_played_into_the_dialog_is_read(qtbot, dialog, pictures, tmp_path):
    from PySide6.QtMultimedia import QMediaPlayer

    blank, document = qimage(pictures["blank"]), qimage(pictures["document"])
    clip = tmp_path / "clip.mkv"
    _record(clip, [blank] * 3 + [document] * 47, fps=5)  # 0.6 s of desk, then 9.4 s of page
    assert clip.stat().st_size > 10_000
    player = QMediaPlayer()
    player.setVideoSink(dialog.sink)
    player.setSource(QUrl.fromLocalFile(str(clip)))
    player.play()
    try:
        with qtbot.waitSignal(dialog.accepted, timeout=30_000):
            pass
    finally:
        player.stop()
    assert dialog.reading.lines == GOOD
    assert 1 <= dialog.reads <= 3 and dialog.dropped >= 1


def test_the_camera_is_asked_for_a_picture_near_720p():
    from laissez.desktop.capture.camera import choose_format

    options = [(640, 480, 30.0), (1280, 720, 10.0), (1280, 720, 30.0), (3840, 2160, 30.0)]
    assert choose_format(options) == 2
    assert choose_format([(3840, 2160, 30.0), (1920, 1080, 30.0)]) == 1
    assert choose_format([(640, 480, 30.0)]) == 0
    assert choose_format([(4096, 2160, 30.0)]) is None and choose_format([]) is None
