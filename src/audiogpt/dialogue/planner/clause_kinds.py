"""What kind of clause a request holds besides the steps it asks for: a defect or a span
described (context for the clause that asks), a statement of what the file is, filler, a
generic follow-on ask ("can you check it?"), and a translation that is to be heard."""

# ruff: noqa: E501 - regular expressions with CJK text read better unbroken
from __future__ import annotations

import re

from audiogpt.dialogue.catalog import ACTION_VERBS

# "..., but I want it to still sound like the professor": heard, in the speaker's own voice
_SOUNDS_LIKE_SPEAKER = r"\b(?:still |also )?sound(?:s|ing)? like (?:him|her|them|the same \w+|the (?:original )?[a-z]+)\b(?! (?:file|clip|recording))"
SPOKEN_TARGET = re.compile(_SOUNDS_LIKE_SPEAKER + r"|\b(?:in|into|to|as) \w+ (?:speech|audio|voice)\b(?! (?:file|clip|recording))|"
                           # "a spoken French version", "a German audio version", "an Italian voice-over"
                           r"\b(?:spoken|audio|voiced|narrated|read-aloud|talking)\s+(?:\w+\s+){0,2}?(?:version|rendition|"
                           r"edition|copy|translation)\b|\b\w+ (?:voice-?over|audio version|spoken version)\b|"
                           # "have it spoken in Italian", "get the translation read out"
                           r"\b(?:have|get|make|let) (?:it|them|that|this|the translation) (?:be )?(?:spoken|read out|voiced|said)\b|"
                           r"\bspoken (?:in|into) \w+\b|"
                           # "have a synthetic voice speak the English", "get a French voice to read it"
                           r"\b(?:have|get|let|make) (?:a |an |some )?(?:[\w-]+ ){0,2}(?:voice|speaker|narrator|actor) (?:to )?(?:\w+ )?(?:speak|say|read|voice)\b|"
                           r"\bout loud\b|\baloud\b|(?:翻译|译)成.{1,4}(?:语音|音频)|.{1,4}語の音声に", re.I)
# "Great translation.", "thanks for the speaker timeline", "nice, the drums came out well": a word
# about an earlier result, no request (the request is in the next clause).
_DO = (r"(?:now|then|please|pls|can|could|would|will|and|but|so|make|turn|remove|add|cut|trim|transcribe|translate|"
       r"clean|denoise|separate|extract|convert|speed|slow|mix|fade|say|read|speak|generate|create|do|give|put|change|"
       r"try|apply|boost|lower|raise|normali[sz]e|split|isolate|louder|quieter|too)\b")
_PRAISE = (r"^(?!.*\b(?:please|pls)\b)(?!.*\?)(?:(?:ok(?:ay)?|oh|wow|yes|yay),? )?(?:thanks?(?: a lot| so much)?|thank you|great|nice|lovely|perfect|awesome|cool|"
           r"good|excellent|brilliant|wonderful|amazing|fantastic|sweet)(?: job| work| stuff| one)?,?(?: (?:for|on|with))?"
           r"(?: (?:the|that|this|your|those|these))?(?: (?!" + _DO + r")[\w-]+){0,3}?(?: (?:came|turned|come) out (?:\w+ )?"
           r"(?:well|great|nicely|good|perfectly|fine)| (?:is|are|was|were|sounds?|looks?) (?:\w+ )?(?:great|good|perfect|fine|lovely|nice))?[\s!.,]*$")
FILLER = re.compile(_PRAISE + r"|^(?:hey|hi|hello|ok(?:ay)?|so|well|please|thanks?|thank you|thx|cheers|"
                    r"yo|um+|uh+|你好|谢谢|请|好的|ありがとう)[\s!.,?]*$", re.I)

# "the audio has a click between 1.2 and 1.5 s, please repair that part": a defect described,
# not an edit asked for (the ask is in the other clause; its times are filled from this one).
DEFECT = re.compile(r"^(?:so |well |ok,? )?(?:the |this |my |that )?(?:\w+ )?(?:audio|recording|clip|file|track|take|"
                    r"song|voice|speech|it|there)(?:'s| is| has| had| got| contains|s| was)? (?:got |has |have )?"
                    r"(?:a |an |some |two |several |a few )?(?:\w+ )?(?:clicks?|pops?|glitch\w*|dropouts?|gaps?|"
                    r"crackles?|skips?|holes?|blips?|bursts?|bad (?:bit|part|spot)s?|damaged?|broken|corrupt\w*|"
                    r"missing)\b|"
                    # "the tape has a gap ...": any thing named with a verb of having
                    r"^(?:the|this|my|that|our) [\w-]+ (?:has|had|'s got|has got|contains) (?:a |an |some |two |several |a few )?"
                    r"(?:\w+ )?(?:clicks?|pops?|glitch\w*|dropouts?|gaps?|crackles?|skips?|holes?|blips?|bursts?)\b", re.I)
# "I've got a voice memo in Dutch, ...", "the recording has two voices mixed together, ...":
# a statement of what the file is or holds.
STATEMENT = re.compile(r"^(?:so |well |ok,? )?(?:(?:i'?ve got|i have|i got|here'?s|here is|this is|that'?s)\s+"
                       r"(?:a |an |my |the |this |some )?(?:\w+ ){0,4}?(?:recording|memo|message|voicemail|clip|file|"
                       r"track|song|interview|podcast|lecture|audio|tape|cassette|voice ?note)s?\b|(?:the |this |my |that )(?:\w+ )?"
                       r"(?:recording|audio|clip|file|track|song|memo|message|voicemail|interview|podcast|lecture)s? "
                       r"(?:has|contains|includes|features)\b|"
                       # "my grandma's voicemail is really mumbly": what the file is like (a copula and one word)
                       r"(?:the|this|my|that|our|his|her|their) (?:[\w'-]+ ){0,2}?(?:recording|audio|clip|file|track|song|"
                       r"memo|message|voicemail|interview|podcast|lecture|voice ?note|take)s? (?:is|are|was|were|sounds?) "
                       r"(?:(?:really|very|so|quite|super|pretty|rather|kind of|a bit|a little|totally|just) )*[\w-]+[.!]?$|"
                       # "my boss sent me a voice message in French": who left the recording
                       r"(?:my |a |the |our |his |her |their )?[\w-]+(?: [\w-]+)? (?:sent|left|forwarded|gave|emailed|"
                       r"texted|shared) (?:me|us) (?:a |an |this |the |some |his |her |their )?(?:\w+ ){0,3}?(?:recording|"
                       r"memo|message|voicemail|clip|file|track|song|interview|podcast|lecture|audio|voice ?note)s?\b|"
                       # "the narrator speaks German": the speaker's language
                       r"(?:the|this|that|my|our|his|her) [\w-]+ (?:speaks|is speaking|talks|is talking) (?:in )?\w+[.!]?$|"
                       # "I'm hard of hearing.", "I'm a teacher.": who the user is
                       r"(?:i'm|i am|we're|we are) (?:\w+ )?(?:hard of hearing|deaf|blind|partially sighted|visually impaired|"
                       r"dyslexic|colou?r-?blind|(?:a|an) (?:\w+ )?(?:teacher|student|journalist|musician|podcaster|nurse|doctor|"
                       r"producer|beginner|youtuber|streamer|lawyer|researcher))[.!]?$|"
                       # "I'm dubbing a documentary.": what the user is working on
                       r"(?:i'm|i am|we're|we are) (?:dubbing|editing|making|producing|working on|putting together) "
                       r"(?:a |an |the |my |our |some )?[\w-]+(?: [\w-]+)?[.!]?$)(?!.*\?)(?!.*\b(?:could|can|would|will) you\b)(?!.*\bplease\b)", re.I)
# "the first two seconds are just hiss": a span described (what to do with it is in the next clause).
HEAD_SPAN = re.compile(r"^(?:so |well |ok,? )?(?:the )?(?:first|opening) (\w+(?:\.\d+)?) (?:seconds?|secs?|s)\b.{0,12}?"
                       r"\b(?:are|is|was|were|sound|sounds|have|has|contain|'re|'s)\b", re.I)
REMOVE_WORDS = re.compile(r"\b(?:cut|trim|remove|delete|drop|chop|lose|get rid of|skip|snip)\b", re.I)
# "Can you check it?", "please do that": asks for the step the other clause names.
GENERIC_ASK = re.compile(r"^(?:(?:can|could|would|will) you |please |pls )*(?:check|verify|confirm|look (?:at|into)|do|"
                         r"handle|sort out|take care of)(?: (?:it|this|that|them|for me|please|that for me))*[\s.?!]*$", re.I)
# "dub this into Spanish": the translation is to be heard (unless text is what is asked for).
DUB = re.compile(r"(?<!i'm )(?<!i am )(?<!we're )(?<!we are )\bdub(?:s|bed|bing)?\b(?! ?step)|\bre-?voice\b|吹き替え|配音", re.I)
TEXT_PRODUCT = re.compile(r"\b(?:text|subtitles?|captions?|script|written|transcript|in writing)\b|字幕|文字|文本", re.I)
# "... but keep his voice", "in the speaker's own voice": the spoken version keeps the speaker.
KEEP_VOICE = re.compile(r"\b(?:keep(?:ing|s)?|preserv\w*|retain\w*|maintain\w*)\s+(?:\w+\s+){0,3}?voices?\b|"
                        r"\b(?:same|original|own|speaker'?s|narrator'?s|(?:his|her|their) own)\s+(?:\w+\s+)?voices?\b|"
                        r"\b(?:in|with) (?:his|her|their) voice\b|原来的声音|原声|同じ声|本人の声|" + _SOUNDS_LIKE_SPEAKER, re.I)


# "this message is in Spanish", "a voicemail in Greek", "the clip is a Japanese interview": the
# recording's language, said before (or after) the ask. Words that ask for a language end it.
_LANGUAGE_ASKED = re.compile(r"translat|\binto\b|\bversion\b|subtitle|\b(?:need|want|like) (?:it|this|that|them)\b|"
                             r"\?|\bplease\b|\b(?:could|can|would) you\b|\b(?:give|get|send|show|tell|write|put|turn|make|"
                             r"convert|read|say)\b|译|訳|翻", re.I)
_RECORDING_IN = re.compile(r"(?:\b(?:is|are|was|were|it'?s|'s)\s+(?:all\s+|entirely\s+|mostly\s+|spoken\s+|recorded\s+)?in|"
                           r"\b(?:left|sent|recorded|forwarded|got|have|has)\b.{0,40}\b(?:recording|message|memo|voicemail|"
                           r"clip|audio|lecture|interview|podcast|call|song|video|talk|speech|file|note)s?\s+in|"
                           r"\b(?:is|was)\s+an?|\bspeaks?)\s+$", re.I)


def states_language(clause: str) -> bool:
    """Whether ``clause`` only says which language the recording is in (no language is asked)."""
    from audiogpt.dialogue.extract import languages_in

    # "the lecture is in Portuguese, not Spanish": a language denied is not one more language
    found = [f for f in languages_in(clause) if not re.search(r"(?:\bnot|n't|\brather than|\binstead of)\s+(?:in\s+)?$",
                                                                clause.lower()[:f[0]])]
    if len(found) != 1 or _LANGUAGE_ASKED.search(clause):
        return False
    return bool(_RECORDING_IN.search(clause.lower()[:found[0][0]]))


def tells_only(clause: str) -> bool:
    """Whether a story clause ("I mumbled the entry on a noisy bus") holds no verb of a task:
    a word like "noisy" in it describes what happened; the ask is in another clause."""
    words = re.findall(r"[a-z]+", clause.lower())
    return bool(re.match(r"(?:(?:so|well|ok|okay) )?(?:i|we)\b", " ".join(words))) and \
        not any(ACTION_VERBS.match(w) for w in words[1:])


def describes(clause: str) -> bool:
    """Whether ``clause`` only describes the file or its defect (context for the clause that
    asks). "board.wav has a loud hum, denoise it" also asks: its part after the comma acts."""
    if states_language(clause):
        return True
    if not (DEFECT.match(clause) or STATEMENT.match(clause)):
        return False
    return not any(ACTION_VERBS.match(part) for part in re.split(r"[,;]\s+", clause)[1:])
