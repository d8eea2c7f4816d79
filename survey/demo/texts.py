"""What sample participants write, question by question: free texts that answer the
question they are given to, and vary.

A long answer is an opening sentence and a follow-up drawn from the question's own
bank; a deck per group and question deals them without repeating until every pairing
has been used, as a real group rarely writes the same thing twice. Questions of the
shipped questionnaires have their banks (English, the language those questionnaires
are asked in); anything else, and the five-language wrap-up in Korean, Chinese,
Japanese and Russian, draws on the general banks of `samples.py`.
"""

from __future__ import annotations

import random

#: Opening sentences and follow-ups per question id ("<id>.other": its "Other" text).
LONG: dict[str, tuple[list[str], list[str]]] = {
    "comments": (
        [
            "The group should keep the military channel open even when the talks stall.",
            "We spent too little time on what happens if verification fails.",
            "The discussion on assurances deserves a session of its own next time.",
            "Regional states other than the six should at least be briefed.",
            "Public messaging matters as much as the substance of any package.",
        ],
        [
            "Otherwise gains at the table will not survive the next crisis.",
            "A short paper before the next meeting would help.",
            "This is where track-two work can add the most.",
            "Our governments rarely discuss this candidly in official settings.",
        ],
    ),
    "defense-measures": (
        [
            "Announce exercises well in advance and invite observers from the other side.",
            "Keep defensive deployments away from the line of contact.",
            "Explain the purpose of each new system publicly before it is fielded.",
            "Scale down large combined exercises in years of active negotiation.",
            "Use the hotline to notify unusual movements before they are noticed.",
        ],
        [
            "Transparency costs little and removes the worst interpretations.",
            "Predictability is itself a confidence-building measure.",
            "Deterrence does not require surprise.",
            "Both sides have done this before, in quieter periods.",
        ],
    ),
    "sanctions-steps": (
        [
            "Humanitarian exemptions should be widened first, in return for a verified freeze.",
            "Ease restrictions on civilian aviation parts once inspectors return.",
            "Unfreeze assets tied to trade in food and medicine after disablement begins.",
            "Lift the luxury goods ban only at the end, as a symbol of normalization.",
        ],
        [
            "Each step should be reversible if commitments are broken.",
            "The Security Council should agree the sequence in advance.",
            "China's implementation will decide whether any of this matters.",
        ],
    ),
    "mechanism-why": (
        [
            "A permanent body keeps records and institutional memory between meetings.",
            "Only a secretariat can prepare verification reports all parties trust.",
            "A standing body could convene at short notice in a crisis.",
            "It would give smaller parties a voice between summit meetings.",
            "A permanent staff can follow up on commitments instead of restating them.",
        ],
        [
            "An informal forum depends too much on the host's goodwill.",
            "Momentum has been lost every time the talks paused.",
            "This is what the six-party process has lacked.",
            "Funding it is cheap compared with the cost of a collapse.",
        ],
    ),
    "next-steps": (
        [
            "Circulate a draft charter to all six capitals before the next meeting.",
            "Set up a working group on cost sharing with experts from each party.",
            "Commission track-two studies on how other regional mechanisms began.",
            "Ask the chair to consult each delegation bilaterally on membership.",
            "Prepare a short list of crisis procedures the parties could adopt at once.",
        ],
        [
            "The next workshop can then discuss text rather than principles.",
            "Without homework between meetings we will repeat this discussion.",
            "Deadlines should be agreed before we leave Beijing.",
            "Each delegation should name a contact person for this work.",
        ],
    ),
    "transparency-measures": (
        [
            "Publish the inventory of facilities already declared to the IAEA.",
            "Allow visits by technical experts to the Yongbyon reactor site.",
            "Exchange data on fissile material production in past years.",
            "Invite journalists to witness the disablement of the cooling tower.",
        ],
        [
            "Confidence grows with each verifiable step, however small.",
            "These steps cost the DPRK little and signal seriousness.",
            "They would prepare the ground for full verification later.",
        ],
    ),
    "access-justification": (
        [
            "Undeclared enrichment activity cannot be ruled out from declared sites alone.",
            "Past declarations omitted facilities later found by other means.",
            "Without access beyond declared sites the declaration cannot be checked.",
            "Uranium enrichment leaves few signatures outside the buildings themselves.",
        ],
        [
            "Partial access would leave every party in doubt.",
            "The 1994 experience showed what happens otherwise.",
            "Special inspections are a standard IAEA tool, not a humiliation.",
        ],
    ),
    "cooperation-ideas": (
        [
            "A regional electricity grid linking the Russian Far East to the peninsula.",
            "A gas pipeline from Russia through the DPRK to the ROK.",
            "Joint reconstruction of the rail link between the two Koreas.",
            "An agricultural development fund managed by a multilateral bank.",
        ],
        [
            "It would give every party a stake in stability.",
            "Financing could come from the Asian Development Bank.",
            "Interdependence is the best long-term assurance.",
        ],
    ),
    "divergence-areas": (
        [
            "Seoul weighs the risk of collapse in the North more heavily than Washington.",
            "The allies differ on how much pressure to apply before talks.",
            "Views diverge on the pace of inter-Korean economic engagement.",
            "The command arrangements for wartime operations remain sensitive.",
        ],
        [
            "Regular consultations at working level would narrow the gap.",
            "A joint contingency plan would build mutual confidence.",
            "Public disagreements should be settled in private first.",
        ],
    ),
}

#: Short answers per question id: an institution, a forum, a place, another option.
SHORT: dict[str, list[str]] = {
    "nuclear-safety-forum": [
        "The IAEA",
        "A six-party working group on nuclear safety",
        "Bilateral U.S.-DPRK technical talks",
        "The Denuclearization Working Group",
        "An expert group under the chair",
    ],
    "lead-institution": [
        "The Chinese foreign ministry, as chair",
        "A six-party working group",
        "The ASEAN Regional Forum secretariat",
        "A consortium of think tanks from the six parties",
        "The ROK Ministry of Foreign Affairs",
    ],
    "investment-guarantee": [
        "The Asian Development Bank",
        "The World Bank's MIGA",
        "The Korea Export-Import Bank",
        "A joint fund of the six parties",
    ],
    "lead-contact": [
        "The ministry of foreign affairs",
        "The national security council staff",
        "The ministry of defense policy office",
        "The unification ministry",
    ],
    "mechanism-form.other": [
        "A ministerial council meeting twice a year",
        "A forum first, turning into a secretariat after three years",
        "A standing conference with a small rotating staff",
    ],
    "location.other": ["Ulaanbaatar", "Panmunjom", "Geneva", "Shanghai"],
    "assurance-forms.other": [
        "A joint statement by the six foreign ministers",
        "Security guarantees written into a peace treaty",
        "Normalization of relations with Japan",
    ],
    "nuclear-safety-role.other": [
        "Only in a technical channel, without publicity",
        "Only if the IAEA is present",
    ],
    "energy-forms.other": ["Coal-fired plant rehabilitation", "Solar power for rural areas"],
    "declaration-scope.other": ["Plutonium already separated", "Export activities"],
    "usfk-impact.other": ["It depends on how the plan is presented", "A gradual drawdown"],
}


class TextDeck:
    """Deals free texts for one group: each question's pairings in shuffled order, each
    used once before any is used again."""

    def __init__(self, seed: str) -> None:
        self.rng = random.Random(seed)
        self.decks: dict[tuple[str, str], list[str]] = {}

    def _deal(self, key: tuple[str, str], make: list[str]) -> str:
        deck = self.decks.get(key)
        if not deck:
            deck = list(make)
            self.rng.shuffle(deck)
            self.decks[key] = deck
        return deck.pop()

    def long(self, key: str, language: str, general: list[str]) -> str:
        bank = LONG.get(key)
        if bank is None or language != "en":
            pairs = [f"{a} {b}" for a in general for b in general if a != b]
            return self._deal((key, language), pairs)
        openers, follow_ups = bank
        return self._deal((key, language), [f"{a} {b}" for a in openers for b in follow_ups])

    def short(self, key: str, language: str, general: list[str]) -> str:
        bank = SHORT.get(key)
        return self._deal((key, language), bank if bank and language == "en" else general)
