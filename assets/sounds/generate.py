"""Regenerates deskbreak's cue sounds: soft sine tones with gentle fades, made for the project.

Run `python assets/sounds/generate.py`; it rewrites the WAV files beside it (mono, 16-bit, 44.1 kHz).
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 44_100


def tone(notes: list[tuple[float, float]], volume: float = 0.35) -> bytes:
    """Each note is (frequency in Hz, seconds); a raised-cosine fade keeps it from clicking."""
    frames = bytearray()
    for frequency, seconds in notes:
        count = int(RATE * seconds)
        fade = min(count // 2, int(RATE * 0.03))
        for i in range(count):
            envelope = math.exp(-3.0 * i / count)  # a soft bell-like decay
            if i < fade:
                envelope *= 0.5 - 0.5 * math.cos(math.pi * i / fade)
            if i > count - fade:
                envelope *= 0.5 - 0.5 * math.cos(math.pi * (count - i) / fade)
            sample = volume * envelope * (math.sin(2 * math.pi * frequency * i / RATE) + 0.2 * math.sin(4 * math.pi * frequency * i / RATE))
            frames += struct.pack("<h", int(max(-1.0, min(1.0, sample)) * 32767))
    return bytes(frames)


def write(name: str, data: bytes) -> None:
    with wave.open(str(Path(__file__).with_name(name)), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(data)


if __name__ == "__main__":
    write("transition.wav", tone([(659.25, 0.16), (880.0, 0.34)]))  # E5 then A5: "next"
    write("tick.wav", tone([(1046.5, 0.06)], volume=0.18))  # a short, quiet C6
    write("finished.wav", tone([(523.25, 0.18), (659.25, 0.18), (783.99, 0.5)]))  # C-E-G: "done"
    write("get-ready.wav", tone([(440.0, 0.14), (587.33, 0.36)], volume=0.3))  # A4 then D5: "get ready"
    write("rep.wav", tone([(783.99, 0.09)], volume=0.2))  # one short, soft G5 per rep
    write("switch.wav", tone([(587.33, 0.13), (880.0, 0.13), (587.33, 0.3)], volume=0.3))  # D-A-D: "other side"
