"""Backend of watermark_detection: the keyed spectral watermark detector ("keyed-spectral")."""

from __future__ import annotations

from audiogpt.backends.base import Backend, Request, module
from audiogpt.core.results import ToolResult


class KeyedWatermarkDetection(Backend):
    """Correlates the file's spectral fine structure with the keyed patterns."""

    name = "keyed-spectral"
    tool = "watermark_detection"
    summary = ("keyed spread-spectrum ripple 0.5-7 kHz: presence + (tool, day) payload; "
               "robust to MP3 128k, gain, resampling to 16 kHz")
    requires = (module("scipy", "speech"),)
    priority = 10

    def run(self, req: Request) -> ToolResult:
        from audiogpt.backends.dsp.watermark import detect

        result = detect(req.audio("audio", native=True))
        if result["watermarked"]:
            made = ""
            if "tool" in result:
                made = f" made by {result['tool']} on {result['created']}"
            text = f"Watermarked: a voice synthesized by audiogpt{made}."
        else:
            text = "No audiogpt watermark found."
        return ToolResult(outputs=[], text=text, data=result)
