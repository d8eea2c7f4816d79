"""Plausible, reproducible sample answers for any questionnaire version.

Every kind has a sample generator (`Kind.sample`), fed by the sampler here; answers
respect limits and `show_if`, and each set is checked by the same validation real
submissions pass. Each question leans toward
one choice or point (seeded by its id), so the demo's charts show a pattern rather
than noise, and the same question leans the same way in every workshop.
"""

from __future__ import annotations

import random
from typing import Any

from survey.core.answers import validate_answers
from survey.core.conditions import is_shown
from survey.core.questionnaire import Questionnaire
from survey.core.schema import DONT_KNOW, Choice
from survey.demo.texts import TextDeck
from survey.kinds import kind_of

#: Free-text answers, one bank per language, so a Korean response reads in Korean.
SENTENCES: dict[str, list[str]] = {
    "en": [
        "A standing working group would keep the momentum between rounds of the talks.",
        "Sequencing matters: energy assistance should follow verified steps, not precede them.",
        "Involve the IAEA early so that verification does not have to be improvised later.",
        "Confidence building must include the military establishments, not only diplomats.",
        "Cost sharing should reflect both capacity to pay and the benefits each party receives.",
        "Track-two meetings like this one are where new ideas can be tested without commitment.",
    ],
    "ko": [
        "상설 실무그룹이 회담 사이에도 추진력을 유지할 수 있을 것입니다.",
        "순서가 중요합니다. 에너지 지원은 검증된 조치 이후에 이루어져야 합니다.",
        "나중에 검증을 즉흥적으로 하지 않도록 IAEA를 초기부터 참여시켜야 합니다.",
        "신뢰 구축에는 외교관뿐 아니라 군 당국도 포함되어야 합니다.",
        "비용 분담은 부담 능력과 각 당사국이 얻는 이익을 모두 반영해야 합니다.",
        "이와 같은 트랙 2 회의는 구속력 없이 새로운 아이디어를 시험할 수 있는 자리입니다.",
    ],
    "zh": [
        "常设工作组可以在各轮会谈之间保持势头。",
        "顺序很重要：能源援助应在可核查的步骤之后提供，而不是之前。",
        "应尽早让国际原子能机构参与，以免日后临时安排核查。",
        "建立信任必须包括军方，而不仅仅是外交官。",
        "费用分摊应同时反映支付能力和各方获得的利益。",
        "像这样的二轨会议可以在不作承诺的情况下检验新想法。",
    ],
    "ja": [
        "常設の作業部会があれば、協議の合間にも勢いを保てる。",
        "順序が重要だ。エネルギー支援は検証された措置の後に行うべきだ。",
        "後で検証を場当たり的に行わずに済むよう、IAEAを早期に関与させるべきだ。",
        "信頼醸成には外交官だけでなく軍当局も含める必要がある。",
        "費用分担は負担能力と各当事国が得る利益の両方を反映すべきだ。",
        "このようなトラック2会合は、約束を伴わずに新しい考えを試せる場である。",
    ],
    "ru": [
        "Постоянная рабочая группа помогла бы сохранить темп между раундами переговоров.",
        "Последовательность важна: энергетическая помощь должна следовать за проверенными шагами.",
        "МАГАТЭ следует привлечь заранее, чтобы не импровизировать с проверкой потом.",
        "Меры доверия должны охватывать военных, а не только дипломатов.",
        "Распределение расходов должно учитывать платёжеспособность и выгоды каждой стороны.",
        "Встречи второго трека, как эта, позволяют проверять новые идеи без обязательств.",
    ],
}
#: Short answers for `text` questions (an institution, a forum).
NAMES: dict[str, list[str]] = {
    "en": ["A six-party working group", "The IAEA", "A joint commission", "The foreign ministries"],
    "ko": ["6자 실무그룹", "IAEA", "공동위원회", "외교부"],
    "zh": ["六方工作组", "国际原子能机构", "联合委员会", "外交部"],
    "ja": ["六者作業部会", "IAEA", "合同委員会", "外務省"],
    "ru": ["Рабочая группа шести сторон", "МАГАТЭ", "Совместная комиссия", "МИД"],
}
#: Chance that a participant leaves an optional question unanswered.
SKIP_OPTIONAL = 0.15
#: Chance of "Don't know" where offered.
PICK_DONT_KNOW = 0.06


class _Sampler:
    """Plausible picks and texts for the kinds' sample generators (`kinds.specs.Sampler`)."""

    def __init__(self, rng: random.Random, language: str, deck: TextDeck | None = None) -> None:
        self.rng = rng
        self.language = language if language in SENTENCES else "en"
        self.deck = deck or TextDeck(language)  # seeded apart: `rng` draws the same as before

    def leaning(self, key: str, count: int) -> int:
        """The index answers to `key` (a question, or a matrix row) cluster around."""
        return random.Random(f"leaning:{key}").randrange(count)

    def weighted(self, key: str, options: list[Choice]) -> Choice:
        favourite = self.leaning(key, len(options))
        weights = [4.0 if index == favourite else 1.0 for index in range(len(options))]
        return self.rng.choices(options, weights)[0]

    def point(self, key: str, low: int, high: int, dont_know: bool) -> int | str:
        if dont_know and self.rng.random() < PICK_DONT_KNOW:
            return DONT_KNOW
        mode = low + self.leaning(key, high - low + 1)
        return round(self.rng.triangular(low, high, mode))

    def sentence(self, key: str, limit: int | None) -> str:
        """An answer to the question `key` (an id, or "<id>.other" for its "Other")."""
        if key.endswith(".other"):
            text = self.deck.short(key, self.language, NAMES[self.language])
        else:
            text = self.deck.long(key, self.language, SENTENCES[self.language])
        return text if limit is None else text[:limit].strip()

    def name(self, key: str, limit: int | None) -> str:
        name = self.deck.short(key, self.language, NAMES[self.language])
        return name[:limit] if limit else name


def sample_answers(
    questionnaire: Questionnaire,
    rng: random.Random,
    language: str,
    *,
    complete: bool = True,
    deck: TextDeck | None = None,
) -> dict[str, Any]:
    """One participant's answers; `complete=False` gives a half-finished draft. Give the
    group's `deck` so its participants' free texts do not repeat one another."""
    sampler = _Sampler(rng, language, deck)
    answers: dict[str, Any] = {}
    questions = list(questionnaire.questions())
    stop = len(questions) if complete else rng.randrange(1, len(questions))
    for question in questions[:stop]:
        if not question.takes_answer or not is_shown(question.show_if, answers):
            continue
        if not getattr(question, "required", False) and rng.random() < SKIP_OPTIONAL:
            continue
        answers.update(kind_of(question).sample(question, sampler))
    result = validate_answers(questionnaire, answers, complete=complete)
    if not result.ok:
        raise AssertionError(
            f"sample answers for {questionnaire.id} are invalid: {result.problems}"
        )
    return result.answers
