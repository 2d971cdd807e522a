"""What the offline planner knows about each tool: trigger patterns (en/zh/ja) with weights,
example requests for the sentence-embedding matcher, and the inputs each tool takes.

Covers every tool in DESIGN.md, whether or not it is registered in this installation.
"""

# ruff: noqa: E501 - long regular expressions read better unbroken
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ToolInfo:
    """Planner knowledge about one tool.

    Attributes:
        name: Tool name.
        inputs: File inputs it needs, e.g. ("audio",), ("audio", "reference"), ("image",).
        patterns: (regex, weight) triggers.
        examples: English example requests (embedding matcher).
        summary: Short phrase for "what I can do".
    """

    name: str
    inputs: tuple[str, ...]
    patterns: tuple[tuple[re.Pattern[str], float], ...]
    examples: tuple[str, ...]
    summary: str


def _p(*pairs: tuple[str, float]) -> tuple[tuple[re.Pattern[str], float], ...]:
    return tuple((re.compile(p, re.IGNORECASE), w) for p, w in pairs)


AUD = r"(?:audio|recording|clip|file|track|speech|sound|voice|it|this|that)"

CATALOG: dict[str, ToolInfo] = {t.name: t for t in [
    ToolInfo("speech_recognition", ("audio",), _p(
        (r"transcri|speech[- ]to[- ]text|\bstt\b|\basr\b|dictat|write (?:down|out) what|"
         r"(?:jot|write|note|type|take|put) (?:\w+ )?down (?:the |what|everything)|"
         r"(?:the |every )words (?:in|of|from) (?:this|the)|spoken words|what (?:is|was) (?:being )?said|"
         r"so (?:that )?I can read|text of (?:this|the)|in writing|written (?:form|version)|"
         r"just the words|the words only|minutes (?:from|of)|meeting notes|notes (?:from|of) (?:this|the)", 3),
        (r"what (?:the|this|that|he|she|they) (?:\w+ ){0,2}(?:is |was |are |were |has |have |had )?(?:say|says|said|saying|talking about)\b", 3),
        (r"what (?:is|are|was|were) (?:they |he |she |being |the (?:speaker|person) )?"
         r"(?:say|said|saying|talking about|spoken)|what (?:words|did (?:he|she|they|the \w+) say)"
         r"|what (?:does|do|did) (?:he|she|it|they|people|the \w+) say|words (?:are )?spoken|"
         r"give me the words", 3),
        (r"recogni[sz]e (?:the )?(?:speech|words|voice)|speech recognition|(?:into|to|as) (?:plain )?text"
         r"|subtitles?|lyrics of|what'?s being said|text version", 2.5),
        (r"写下来|记下来|打出来|(?:讲|说)(?:了|的|些)?什么|识别|转写|转成文字|转为文字|转文字|文字稿|听写|说了什么|说的什么|讲了什么|语音转文字|字幕|"
         r"文字起こし|文字に起こ|書き起こ|テキストに|何と言って|何て言って|音声認識", 3),
    ), ("Transcribe this recording", "What is being said in this audio?",
        "Convert the speech to text", "Write down what the speaker says",
        "Give me a transcript of the meeting", "Recognize the words in this clip"),
        "transcribe speech"),
    ToolInfo("speech_translation", ("audio",), _p(
        (r"translat|interpret", 3.5),
        (r"\b(?:in|into) (?:english|spanish|french|german|chinese|japanese|italian|korean|"
         r"portuguese|russian) (?:please)?$", 1),
        (r"翻译|译成|译为|翻成|翻訳|訳して|訳す", 3.5),
    ), ("Translate this speech into Spanish", "What does this say in English?",
        "Give me a French translation of the recording", "Translate the audio to German"),
        "translate speech"),
    ToolInfo("text_to_speech", (), _p(
        (r"\bsay\b|\bspeak\b|pronounce|read (?:\w+ )?(?:aloud|out)|read (?:this|it|the following)"
         r"|text[- ]to[- ]speech|\btts\b|narrat|voice ?over|speak (?:it|this|out)|out loud|aloud", 3),
        (r"(?:hear|have|get) .{0,40}(?:spoken|said|read out|voiced)|\bspoken (?:aloud|out)|"
         r"\b(?:read|recite|announce|voice|utter|say|speak)\b.{0,25}QTEXT|QTEXT\d+\W{0,3}(?:aloud|out loud)|"
         r"^voice (?:this|the following|these|my)|(?:voice|speech|audio|someone|somebody|a person|"
         r"robot|narrator|announcer) (?:saying|that says|announcing|reading|speaking)", 3),
        (r"QTEXT\d+.{0,6}(?:读出来|念出来|说出来|读一下|念一下)|(?:读|念|说)出?.{0,3}QTEXT", 3),
        (r"synthesi[sz]e (?:speech|a voice|voice|the sentence|the text|spoken)|spoken version|"
         r"(?:generate|create|make|produce) (?:a |some )?(?:speech|spoken|voice (?:message|clip|line)"
         r"|audio of (?:someone|a person|me) saying)|(?:turn|convert) .*(?:text|sentence|words).* "
         r"(?:into|to) (?:speech|audio|voice)", 3),
        (r"朗读|读出|念出|念一下|读一下|读一遍|念|说出|说一句|说：|语音合成|合成语音|合成一段语音|转成语音|"
         r"转为语音|(?:转换|转化|变|做)成语音|转语音|生成语音|配音|音声にして|音声化|(?:用语音|大声|帮我|请)说|说一(?:声|下|句)|読み上げ|読んで|話して|言って|音声合成", 3),
    ), ("Read this sentence aloud", "Say good morning", "Convert this text to speech",
        "Speak the following words", "Synthesize speech saying hello",
        "Can you pronounce this for me"),
        "speak text (TTS)"),
    ToolInfo("voice_clone", ("reference",), _p(
        (r"clone|mimic|imitat|impersonat|replicat|copy (?:this|the|that|his|her|my) voice|in (?:the|my|his|her|their|this|that) (?:\w+ )?voice|"
         r"voice of (?:this|the|that|my)|(?:sounding|sounds?) like (?:this|the|that) (?:speaker|"
         r"person|voice|recording)|same voice|using (?:this|the|that) (?:voice|speaker)|"
         r"style of (?:this|the) (?:speaker|voice|recording)|(?:this|that|the) (?:person|speaker|guy|woman|man|"
         r"narrator)'s voice|(?:talk|speak|sound)\w* like (?:the|this|that) "
         r"(?:person|speaker|guy|woman|man|voice|narrator)|(?:make|let|have) (?:this|the|that) "
         r"(?:voice|speaker|person) (?:say|read|speak)|(?:use|using|with) (?:this|the|that|my|his|her) "
         r"(?:\w+(?:'s)? )?voice", 3),
        (r"克隆|模仿|用(?:这个|他|她|我|这段|该)的?(?:声音|嗓音)|用.{0,8}的声音|同样的声音|"
         r"声で|の声|クローン|声をまね", 3),
    ), ("Say this sentence in the voice of this recording", "Clone this voice to say hello",
        "Make this speaker say good night", "Read my text using the voice in the sample"),
        "speak text in a reference voice (voice cloning)"),
    ToolInfo("voice_conversion", ("audio", "reference"), _p(
        (r"voice conversion|convert (?:the |my |his |her |this )?voice|change (?:the |my |his |her )?"
         r"voice|swap (?:the )?voices?|voice swap|transform (?:the |my )?voice", 3.5),
        (r"(?:sound|sounds) like (?:the )?(?:speaker|person|voice|one) (?:of|in|from) (?:the )?"
         r"(?:second|other|2nd|reference|that)|make (?:the )?(?:first|this) (?:clip|recording|"
         r"file|audio|one) sound like|in the voice of the (?:second|other)|(?:speaker|person|voice|"
         r"speech|talker) (?:in|of|from) the (?:second|other|reference|2nd|next)", 3.5),
        (r"变声|声音转换|转换.{0,4}声音|换成.{0,12}(?:的?声音|说话人|音色)|音色|换声|变成.{0,8}的声音|声質変換|声を変換|"
         r"声を変え", 3.5),
    ), ("Make the first clip sound like the speaker of the second",
        "Convert my voice to the reference speaker", "Change the voice in this recording to that one"),
        "convert a voice to another speaker"),
    ToolInfo("speech_enhancement", ("audio",), _p(
        (r"denois|de-nois|noise (?:removal|reduction|suppression|cancell?ation)|(?:remove|reduce|"
         r"suppress|cut|eliminate|filter|get rid of|kill|clean|take)\w* (?:out )?(?:\w+ ){0,4}(?:noise|hiss|hum|"
         r"static|background|clatter|clank|clink|dishes|traffic|buzz|crackl|rumble|wind|echo|reverb|"
         r"chatter|fan)", 3.5),
        (r"clean (?:up|it|this|the)|clean\w* (?:\w+ ){1,3}up\b|enhanc|clearer|more (?:clear|intelligible|audible)|"
         r"improve (?:the )?(?:quality|clarity|sound|audio|speech)|noisy|too much noise|"
         r"background (?:sounds?|noise)|restore (?:the )?(?:speech|voice)", 2.5),
        (r"降噪|去噪|除噪|消噪|去除.{0,6}(?:噪|杂音)|噪音|噪声|杂音|增强|变清楚|更清晰|清晰一点|"
         r"ノイズ|雑音|クリアに|聞き取りやすく", 3.5),
    ), ("Denoise this file", "Remove the background noise", "Clean up this noisy recording",
        "Make the speech clearer", "Reduce the hiss in this audio"),
        "remove noise from speech"),
    ToolInfo("speech_separation", ("audio",), _p(
        (r"(?:separat|split|isolat|pull apart|untangle|demix|disentangle)\w* (?:\w+ ){0,4}"
         r"(?:speakers?|voices|talkers|people|persons|conversation|each (?:speaker|voice|person))|"
         r"speaker separation|speech separation|one (?:file|track) per (?:speaker|person|voice)|"
         r"each speaker|(?:each|every) (?:person|speaker|talker|voice)'?s? (?:voice )?(?:on|in|into) (?:its|their|a) "
         r"(?:own|separate)|separate tracks|own track", 3.5),
        (r"talking over each other|overlapping (?:speech|voices|speakers|talk)|cross-?talk|"
         r"(?:two|three|several|multiple) (?:people|speakers|persons) (?:are )?(?:talking|speaking)", 2),
        (r"^(?:please )?(?:separate|split|untangle|pull apart) (?:them|it|those)\b", 1.5),
        (r"(?:分离|分开|拆分|分出).{0,8}(?:说话人|说话者|人声|声音|每个人|两个人|三个人|几个人|讲话人)|"
         r"(?:说话人|人声|每个人的声音|[两二三四几每多]个人|对话).{0,10}(?:分离|分开|拆开)|(?:把|将).{0,10}(?:声音|人声|说话人)"
         r".{0,4}(?:分开|分离)|話者ごと|話者分離|話者を分|声を分離", 3.5),
    ), ("Separate the speakers in this recording", "Split the two voices into separate files",
        "Isolate each person talking"),
        "separate overlapping speakers"),
    ToolInfo("mono_to_binaural", ("audio",), _p(
        (r"binaural|spatiali[sz]|3-?d (?:audio|sound)|spatial (?:audio|sound)|surround|"
         r"headphones? (?:experience|effect)|\bhrtf\b|azimuth|immersive", 4),
        (r"(?:behind|in front of|to the (?:left|right) of|above|over) (?:me|you|the listener|"
         r"my head)|as if .{0,40}(?:behind|to the left|to the right|above|far away)", 4),
        (r"(?:from|to|on|at) (?:the |my )?(?:left|right)(?: side)?|(?:move|pan|place|position|"
         r"put)\w* .{0,20}(?:left|right|behind|around|above)|come from behind|circle around", 2),
        (r"(?:come|coming|comes|sound|sounds|appear) (?:to come )?from (?:directly |straight |right )?(?:behind|"
         r"(?:the |my |your |our )?(?:left|right|back|front|side)|above|overhead)", 3.5),
        (r"(?:moving|move|moves|spinning|rotating|circling|going|flying)\w* (?:a)?round (?:me|my head|"
         r"the listener|you|the room)|(?:mov|pan|travel|go|sweep|fly|flies|flying|walk)\w* (?:\w+ )?from (?:the |my )?"
         r"(?:left|right|front|back)(?: side)? (?:to|towards?|over to|across to) (?:the |my )?(?:left|right|front|back)", 4),
        (r"双耳|立体声|空间音频|空间化|3D音|环绕|左边|右边|左侧|右侧|バイノーラル|立体音響|"
         r"立体的|左から|右から|从(?:我的?)?(?:左|右|后|背后|前)(?:边|面|方|侧)?(?:传来|过来|发出|响起)|"
         r"从\s*[左右前后]\S{0,3}?(?:到|移到|移动到|飘到)\s*[左右前后]", 3.5),
    ), ("Convert this to binaural audio", "Make it sound like it comes from the left",
        "Spatialize this recording for headphones", "Turn this into 3D audio"),
        "make audio binaural / 3-D"),
    ToolInfo("audio_inpainting", ("audio",), _p(
        (r"inpaint|fill (?:in )?(?:the )?(?:gap|gaps|hole|missing|silence|dropout)|"
         r"(?:restore|repair|fix|reconstruct|recover|patch)\w* (?:\w+ ){0,4}(?:gap|missing|"
         r"dropout|damaged|corrupted|section|part|segment|glitch)", 4),
        (r"(?:damaged|corrupted|missing|dropout|drop-out|glitch|gap|silent|silence|cut out|muted)\w* .{0,40}"
         r"(?:repair|fix|restore|fill|reconstruct|recover|patch)", 4),
        (r"修复|补全|填补|填充|缺失|修补|修復|補完|欠損|穴埋め", 4),
    ), ("Inpaint the audio between 1 and 2 seconds", "Fill in the missing part from 3 s to 4 s",
        "Repair the damaged section of this clip"),
        "fill in a missing part of audio (inpainting)"),
    ToolInfo("sound_extraction", ("audio",), _p(
        (r"extract|take out just|everything (?:but|except)|all but the|(?:isolate|pull out|keep only|only keep|keep just|just keep|get only|separate out|single out|filter out)"
         r"(?! (?:each|the|every)? ?(?:speakers?|voices|talkers|people))|"
         r"only the (?:\w+ )?(?:sound|part)|just the (?!words|text|speech|transcript)\w+", 3),
        (r"提取|抽取|分离出|单独.{0,4}出|只保留|只留|只要|抽出|取り出|だけを", 3),
    ), ("Extract the guitar from this mix", "Isolate the dog barking from the recording",
        "Keep only the bird sounds", "Pull out the vocals"),
        "extract one sound from a mix"),
    ToolInfo("sound_event_detection", ("audio",), _p(
        (r"(?:sound|audio|acoustic) events?|detect (?:the |all )?(?:sounds|events|noises)|"
         r"(?:what|which) (?:kinds? of )?(?:sounds|noises|events)|what can you hear|what do you hear|"
         r"(?:identify|classify|tag|label|recogni[sz]e|list) (?:the |all |every )?(?:\w+ )?(?:sounds|"
         r"noises|events|audio events)|what(?:'s| is) (?:happening|going on)|sounds? (?:are )?"
         r"(?:present|in (?:this|the))|classify (?:this|the) (?:audio|sound|clip)|"
         r"what (?:sound|noise) is (?:this|that)|what(?:'s| is) making (?:the |this |that |a |some |all "
         r"(?:the|this|that) )?(?:sound|noise)|label (?:the |all )?(?:sound )?events", 3),
        (r"声音事件|声学事件|检测.{0,6}(?:事件|声音)|有(?:哪些|什么)声音|什么声音|(?:识别|分类).{0,6}"
         r"(?:声音|音频事件)|听到了什么|音イベント|どんな音|何の音|音を検出", 3),
    ), ("Detect sound events in this recording", "What sounds can you hear in this clip?",
        "Identify all the noises in the audio", "Tag the sounds in this file",
        "What is happening in this recording?"),
        "detect sound events"),
    ToolInfo("target_sound_detection", ("audio",), _p(
        (r"\bwhere (?:in (?:this|the) \w+ )?(?:does|do|is|are|did|can)\b|\bwhen (?:\w+ )?(?:does|do|is|are|did|was|were)\b|at what (?:time|point|moment)|what time does|"
         r"(?:find|locate|spot|mark|show me) (?:\w+ )?(?:times?|moments?|timestamps?|where|when)|"
         r"timestamps? (?:of|for|when)|(?:is|are) there (?:a|an|any) .{1,30}(?:in|within)|"
         r"(?:detect|find|show|tell me|mark|identify|list) (?:exactly )?(?:when|where)\b|"
         r"(?:detect|find|locate|spot|mark|count) (?:the |all |every |each )?(?:\w+ )?(?:barks?|barking|cries|"
         r"crying|rings?|ringing|honks?|knocks?|knocking|claps?|coughs?|coughing|sneezes?|laughs?|"
         r"laughter|screams?|gunshots?|shots|alarms?|sirens?|footsteps|beeps?|meows?)\b|"
         r"how many times|does (?:the |this )?(?:\w+ ){0,2}(?:contain|include)|^(?:is|are|was|were) "
         r"(?:someone|somebody|anyone|anybody|a|an|the|there|any) .{1,30}\b(?:in|on) (?:this|the)\b|"
         r"(?:detect|find|locate|spot) (?:the |a |an |any |every |each )?(?!(?:the |all |any )?(?:sound events|events|"
         r"sounds|noises|audio events)\b)\w+ (?:\w+ )?(?:in|within|inside)", 3),
        (r"什么时候|何时|哪个时间|几秒|时间点|时间段|在哪里出现|有没有.{1,10}(?:声|音)|定位|出现的时间|"
         r"いつ|何秒|どこで.{0,6}(?:鳴|聞こえ)", 3),
    ), ("When does the dog bark in this clip?", "Find the moments where a baby cries",
        "At what time does the doorbell ring?", "Locate the car horn in the recording"),
        "find when a given sound occurs"),
    ToolInfo("audio_captioning", ("audio",), _p(
        (r"caption|describe|description|summari[sz]e|summary|what (?:this|the|that) (?:audio |recording |clip |file )?sounds like|what (?:is|does) (?:this|the) (?:audio|"
         r"recording|clip|sound|file) (?:about|sound like|contain)|tell me about (?:this|the) "
         r"(?:audio|recording|clip|sound)|^(?:so |and |ok,? )?what(?:'s| is) (?:this|that|it)\s*\??$|"
         r"what(?:'s| is) in (?:this|the) (?:audio|recording|clip|"
         r"file)|explain (?:this|the) (?:audio|sound|recording)", 3),
        (r"^(?:这|那)是什么[？?]?$|これは何|描述|概括|总结一下|说明一下这段|这段(?:音频|录音|声音)是什么|讲的是什么内容|"
         r"説明|キャプション|描写|要約|どんな内容", 3.5),
    ), ("Caption this audio", "Describe what you hear in this recording",
        "What is this recording about?", "Write a short description of the sound"),
        "describe audio in words"),
    ToolInfo("text_to_audio", (), _p(
        (r"(?:generate|create|make|produce|synthesi[sz]e|design|give me|render)\w* .{0,30}"
         r"(?:sound|noise|effect|ambien|foley|soundscape|audio of|atmosphere)", 3),
        (r"(?:generate|create|make|produce|give me|synthesi[sz]e)\w* .{0,30}(?:rain|thunder|waves?|"
         r"ocean|wind|birds?|chirp|dogs? bark|barking|fire|footsteps|traffic|crowd|engine|explosion|"
         r"applause|siren|river|stream|forest|city|storm|door|knock|bell|alarm|horn|clock|"
         r"keyboard|typing|glass|gunshot|car|train|plane|helicopter|insects?|crickets|frogs?|birdsong)", 3),
        (r"(?:\d+|a few|some|ten|five|thirty) (?:seconds?|secs?|minutes?) of (?:\w+ )?(?:rain|thunder|waves?|"
         r"ocean|wind|birds?|birdsong|crowds?|cheering|applause|traffic|fire|footsteps|engine|sirens?|"
         r"river|stream|forest|city|storm|crickets|insects|dogs?|cats?|bells?|clock|typing|keyboard)", 3),
        (r"(?:\b\d+(?:\.\d+)?|\b(?:a few|some|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty|fifty|sixty))[\s-]*"
         r"(?:seconds?|secs?|minutes?) of (?!(?:silence|the|this|that|it|my|your|his|her|its|their|audio|music|speech|"
         r"recording|clip|file|track|song)\b)\w+", 2.5),
        (r"sound effect|\bsfx\b|foley|soundscape|ambien(?:ce|t) (?:sound|audio)|sound of (?:a |an |the )?"
         r"\w+|noise of|(?:rain|thunder|thunderstorm|wind|ocean|waves?|birds?|dogs?|cats?|fire|"
         r"footsteps|traffic|crowd|engine|explosion|applause|siren|river|forest|city) "
         r"(?:sound|noise|ambience|audio)s?", 2.5),
        (r"(?:生成|制作|做|创造|合成|来一段|给我).{0,12}(?:声音|音效|声|环境音|音频)|音效|効果音|"
         r"の音を(?:生成|作|つく)|環境音", 3),
    ), ("Generate the sound of rain", "Make a thunderstorm sound effect",
        "Create audio of birds chirping in a forest", "Produce footsteps on gravel",
        "I need the sound of a car engine starting"),
        "generate sound effects from text"),
    ToolInfo("image_to_audio", ("image",), _p(
        (r"(?:image|picture|photo|photograph|drawing|scene|painting|png|jpe?g)", 2.5),
        (r"sound (?:for|of|to match|that fits) (?:this|the) (?:image|picture|photo|scene)|"
         r"what (?:does|would) (?:this|the) (?:image|picture|photo|scene) sound like|sonif", 3),
        (r"图片|图像|照片|画面|这张图|画像|写真|絵", 2.5),
    ), ("Generate audio for this image", "What would this picture sound like?",
        "Make a soundtrack matching the scene in this photo"),
        "make sound for an image"),
    ToolInfo("music_generation", (), _p(
        (r"music|\bsongs?\b|melod|tune|compose|composition|\bbeat\b|soundtrack|jingle|instrumental|"
         r"piano piece|symphony|lullaby|\bbgm\b|chords?|\briff\b|loop for|groove|bass ?line|"
         r"drum (?:beat|loop|pattern)|rhythm|hip[- ]?hop|jazz|techno|\bedm\b|lo-?fi|orchestra|"
         r"ballad|anthem|waltz|march\b", 3),
        (r"音乐|乐曲|曲子|旋律|作曲|配乐|歌曲|一首|背景乐|钢琴曲|音楽|作曲|メロディ|曲を", 3),
    ), ("Compose some relaxing music", "Generate a happy piano melody",
        "Make a short upbeat song", "Create background music for a video"),
        "compose music"),
    ToolInfo("singing_synthesis", (), _p(
        (r"\bsing\b|\bsings\b|singing (?:synthesis|voice synthesis)|sing-?along|karaoke|"
         r"(?:make|let|have) .{0,20}\bsing\b", 4),
        (r"\bnotes?\b.*\bdurations?\b|[A-G][#b]?\d\s+[A-G][#b]?\d", 2),
        (r"唱|歌声合成|演唱|歌って|歌わせ|歌声", 4),
    ), ("Sing these lyrics with these notes", "Sing 'hello' on C4 for one second",
        "Make a singing voice for this melody"),
        "synthesize singing from lyrics and notes"),
    ToolInfo("talking_head", ("audio", "image"), _p(
        (r"talking[- ](?:head|face|avatar|portrait|photo)|lip[- ]?sync|animate (?:the |this |a |my )?"
         r"(?:face|portrait|photo|picture|image|head)|(?:face|avatar|portrait) video|video of "
         r"(?:a |the |this )?(?:face|person|portrait|head) (?:talking|speaking|saying)|"
         r"make (?:the |this )?(?:portrait|face|photo|picture) (?:talk|speak|say)|mouth move|"
         r"(?:portrait|face|photo|picture|image|avatar|head) (?:to )?(?:say|speak|talk|sing|read)", 4),
        (r"(?:让|使).{0,12}(?:人|脸|头像|照片|图片|肖像).{0,4}(?:说话|开口|讲话)|说话的(?:人脸|头像|视频)|口型|数字人|会说话|动起来|说话视频|人脸视频|口パク|"
         r"トーキングヘッド|顔.{0,6}動画|しゃべる", 4),
    ), ("Make a talking face video from this audio", "Animate this portrait with the speech",
        "Create a lip-synced avatar video"),
        "animate a talking face (video)"),
    ToolInfo("audio_edit", ("audio",), _p(
        (r"\btrim|\bcut\b|\bcrop|shorten|first \d+(?:\.\d+)? ?s|last \d+ ?s|concat|\bjoin|append|"
         r"combine|merge|\bmix (?:these|them|the two|it with|together|both)|overlay|superimpose|layer (?:\w+ )?(?:over|on|under)|on top of (?:the|my|this)|twice as (?:fast|slow)|"
         r"(?:play|run)\w* .{0,12}(?:fast|slow)|louder|quieter|softer|"
         r"volume|\bgain\b|amplif|boost|normali[sz]|fade|speed (?:\w+ )?up|slow (?:\w+ )?"
         r"down|faster|slower|reverse|backwards|resample|sample rate|to mono|to stereo|"
         r"(?:convert|export|save)\w* .{0,20}(?:mp3|wav|flac|ogg|aiff|m4a|opus|webm)|\d+ ?k?hz", 3.5),
        (r"剪切|剪掉|裁剪|截取|剪辑|前\s*\d+\s*秒|拼接|连接|合并|混音|混合|音量|大声|小声|调大|调小|"
         r"放大|淡入|淡出|加速|减速|变快|变慢|倒放|倒着|转成\s*(?:mp3|wav|flac)|采样率|单声道|"
         r"カット|切り取|結合|音量|フェード|速く|遅く|逆再生|mp3に", 3.5),
    ), ("Trim this clip to the first 5 seconds", "Make it louder", "Speed this up 1.5 times",
        "Convert it to mp3", "Mix these two files", "Add a fade out", "Reverse the audio"),
        "edit audio (trim, join, mix, volume, fade, speed, reverse, convert)"),
]}

# Generic verbs that start a new step after "and" ("denoise and transcribe").
ACTION_VERBS = re.compile(
    r"^(?:then |also |please |finally )*(?:transcri|translat|say|speak|read|pronounce|denois|"
    r"clean|enhanc|remove|reduce|separat|split|isolat|extract|convert|make|turn|render|generate|"
    r"create|produce|compose|sing|detect|find|locate|caption|describe|summari|tell|trim|cut|"
    r"crop|join|concat|mix|fade|speed|slow|reverse|normali|amplif|boost|inpaint|fill|restore|"
    r"repair|spatiali|pan|move|place|put|animate|lip|write|give|play|output|save|export|"
    r"identify|classify|tag|list|recogni|voice|clone|change|apply|add|label|dub|narrat|"
    r"synthesi|upsample|resample|show)", re.IGNORECASE)
