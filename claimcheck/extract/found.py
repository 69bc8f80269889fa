"""What the claim rules pass between them: names found, the document's context, raw claims."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Found:
    """A name found in the text: offsets into the document, kind MODEL or BENCH."""

    start: int
    end: int
    kind: str
    text: str
    id: str | None = None


@dataclass
class Context:
    """What the rules know about the document beyond the sentence."""

    title_model: Found | None = None
    last_subject: Found | None = None
    resolve_model: object = None  # callable(text) -> id | None, for names built from sizes
    # callable(phrase) -> the model named most recently before the current sentence that
    # `phrase` can refer to (or None); a callable so the document is only searched when a
    # sentence needs an antecedent
    recent_model: object = None
    # the release's own name (from the file name): a Found, or a callable computing it once
    release_model: object = None
    # short names the document uses once it has named a model in full ("R1" for DeepSeek-R1)
    short_names: dict[str, Found] = field(default_factory=dict)

    def release(self) -> Found | None:
        if callable(self.release_model):
            self.release_model = self.release_model()
        return self.release_model  # type: ignore[return-value]


@dataclass
class RawClaim:
    relation: str
    subject: Found | None
    targets: list[Found] = field(default_factory=list)
    target_group: str | None = None
    benchmarks: list[Found] = field(default_factory=list)
    negated: bool = False
    cue_start: int = 0
    # document offsets of the claim's own clause: the text before its cue since the previous
    # claim's segment (lead_start..cue_start) and its segment (cue_start..seg_end)
    lead_start: int = 0
    seg_end: int = 0


@dataclass(frozen=True)
class _Cue:
    relation: str
    start: int
    end: int
    text: str
    needs: str = "comparator"  # "comparator": only a claim when a comparator is found
