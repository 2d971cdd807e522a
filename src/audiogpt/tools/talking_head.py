"""talking_head: a video of a face speaking the given audio."""



from __future__ import annotations

from pydantic import Field

from audiogpt.tools.base import AudioFile, ImageFile, Tool, ToolArgs
from audiogpt.tools.hints import PlannerHints


class TalkingHeadArgs(ToolArgs):
    """Arguments of talking_head."""

    audio: AudioFile = Field(description="The speech the face says.")
    image: ImageFile | None = Field(
        None, description="Optional portrait (a frontal face); without it a drawn face is used.")


class TalkingHead(Tool):
    """Lip-synced talking-head video from speech and an optional portrait."""

    name = "talking_head"
    description = (
        "Make a talking-head video (mp4 with the audio): a face whose mouth follows the speech, "
        "with blinks and small head motion. Uses the given portrait image (its face is found and "
        "animated) or a drawn face."
    )
    Args = TalkingHeadArgs
    outputs = ("video",)
    examples = ("make a talking head video of this speech", "animate this portrait saying this",
                  "generate a talking face for the audio")
    hints = PlannerHints(
        intents=(
            (r"talking[- ](?:head|face|avatar|portrait|photo)|lip[- ]?sync|animate (?:the |this |a |my )?"
             r"(?:face|portrait|photo|picture|image|head)|"
             r"\banimate (?:the |this |my |her |his )?(?:file|selfie|headshot|pic)\b|"
             r"so (?:it|she|he|they) (?:looks?|appears?) (?:like|as if) "
             r"(?:i'm|i am|he's|she's|they're|it's|he is|she is) (?:saying|speaking|talking)|"
             r"(?:face|avatar|portrait) video|video of "
             r"(?:a |the |this )?(?:face|person|portrait|head) (?:talking|speaking|saying)|"
             r"make (?:the |this |my |her |his |our )?(?:portrait|face|photo|picture) (?:talk|speak|say)|mouth move|"
             r"(?:portrait|face|photo|picture|image|avatar|head|selfie|headshot|pic|photograph|drawing|painting|mugshot|"
             r"profile (?:pic|picture|photo)) (?:to )?(?:say|speak|talk|sing|read|lip)", 4),
            (r"(?:让|使).{0,12}(?:人|脸|头像|照片|图片|肖像).{0,4}(?:说话|开口|讲话)|说话的(?:人脸|头像|视频)|口型|数字人|会说话|动起来|说话视频|人脸视频|口パク|"
             r"トーキングヘッド|顔.{0,6}動画|しゃべる", 4),
        ),
        examples=("Animate this portrait with the speech",
                  "Create a lip-synced avatar video"),
        summary='animate a talking face (video)', short='animate a talking head', label='Talking-head video',
        output_words=r"video|视频|動画",
    )
