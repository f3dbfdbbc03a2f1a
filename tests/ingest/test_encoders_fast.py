"""The pure-PyTorch BERT behind `MiniLMTextEncoder`: same vectors and token states as the
transformers implementation, no transformers import, the fallback for other checkpoints, and
one-line errors for folders it cannot load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from ingest.encoders import EncoderError, MiniLMTextEncoder, bundled_minilm_path

ROOT = Path(__file__).resolve().parents[2]

TEXTS = [
    "a pricing page for a neobank with three plans",
    "",
    "   ",
    "Dashboard",
    "Café naïve résumé — Zürich Straße",
    "東京の天気アプリ、ダークモード",
    "checkout 🚀✨ with Apple Pay & PayPal",
    "line one\nline two\ttabbed\r\nthree",
    "<button class=\"primary\">Sign up — it's FREE!</button>",
    "v2.3.1 costs $1,299.00 (20% off) on 2024-03-15",
    "Supercalifragilisticexpialidocious" * 4,  # one word past WordPiece's 100-character limit → [UNK]
    "settings screen with toggles for notifications, privacy and billing " * 30,  # > 256 tokens
]


def _model_folder_copy(dst: Path, *, config: dict | None = None, weights: dict | None = None) -> Path:
    """A checkpoint folder like the bundled one: its small files copied (config replaced by
    `config` when given), its weights linked, or written from `weights` when given."""
    src = bundled_minilm_path()
    dst.mkdir()
    for f in src.iterdir():
        if f.name == "model.safetensors":
            continue
        if f.is_dir():
            (dst / f.name).mkdir()
            for g in f.iterdir():
                (dst / f.name / g.name).write_bytes(g.read_bytes())
        else:
            (dst / f.name).write_bytes(f.read_bytes())
    if config is not None:
        (dst / "config.json").write_text(json.dumps(config))
    if weights is not None:
        from safetensors.torch import save_file

        save_file(weights, str(dst / "model.safetensors"))
    else:
        (dst / "model.safetensors").symlink_to(src / "model.safetensors")
    return dst


def _bundled_config() -> dict:
    return json.loads((bundled_minilm_path() / "config.json").read_text())


def _bundled_weights() -> dict[str, torch.Tensor]:
    from safetensors.torch import load_file

    return load_file(str(bundled_minilm_path() / "model.safetensors"))


@pytest.fixture(scope="module")
def native() -> MiniLMTextEncoder:
    enc = MiniLMTextEncoder()
    assert enc.backend == "native" and enc.backend_reason is None
    return enc


@pytest.fixture(scope="module")
def reference() -> MiniLMTextEncoder:
    enc = MiniLMTextEncoder(backend="transformers")
    assert enc.backend == "transformers"
    return enc


def test_sentence_embeddings_match_transformers(native, reference):
    a, b = native.encode(TEXTS), reference.encode(TEXTS)
    assert a.shape == b.shape == (len(TEXTS), 384)
    assert np.abs(a - b).max() < 1e-4
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert native.name == reference.name == "all-MiniLM-L6-v2"  # store entries stay valid


@pytest.mark.parametrize("max_tokens", [32, 256])
def test_token_states_match_transformers(native, reference, max_tokens):
    ha, ma = native.token_states(TEXTS, max_tokens)
    hb, mb = reference.token_states(TEXTS, max_tokens)
    assert ha.dtype == hb.dtype == torch.float32 and ma.dtype == mb.dtype == torch.int64
    assert ha.shape == hb.shape and ma.shape == mb.shape == ha.shape[:2]
    assert torch.equal(ma, mb)
    assert ha.shape[1] == max_tokens  # the long text fills the whole window
    assert int(ma[-1].sum()) == max_tokens and int(ma[1].sum()) == 2  # truncated; "" is [CLS] [SEP]
    diff = (ha - hb).abs() * ma[..., None]
    assert float(diff.max()) < 1e-4


def test_token_embeddings_match_transformers(native, reference):
    a, b = native.token_embeddings(TEXTS), reference.token_embeddings(TEXTS)
    assert [x.shape for x in a] == [y.shape for y in b]
    assert max(float(np.abs(x - y).max()) for x, y in zip(a, b)) < 1e-4
    assert a[1].shape == (2, 384) and a[-1].shape == (32, 384)


def test_batches_and_order_do_not_change_vectors(native):
    texts = TEXTS[:2] + TEXTS[-3:]  # a long text, padding next to empty and short ones
    small = MiniLMTextEncoder(batch_size=2)
    one_by_one = np.concatenate([native.encode([t]) for t in texts])
    assert np.abs(small.encode(texts) - one_by_one).max() < 1e-5


def test_prompt_adapter_uses_token_states(native, reference):
    from conditioning.prompt import MAX_PROMPT_TOKENS, encode_prompts

    prompts = ["a login screen for a bank", "Ünïcödé  checkout   flow", "settings " * 50]
    encoded = encode_prompts(prompts)
    hb, mb = reference.token_states([" ".join(p.split()) for p in prompts], MAX_PROMPT_TOKENS)
    for (tokens, vec), h, m in zip(encoded, hb, mb):
        n = int(m.sum())
        assert tokens.shape == (n, 384) and n <= MAX_PROMPT_TOKENS
        assert np.abs(tokens - h[:n].numpy()).max() < 1e-4
        ref = h[:n].mean(0).numpy()
        assert np.abs(vec - ref / np.linalg.norm(ref)).max() < 1e-5
    # a short prompt's vector is the sentence embedding `encode` gives
    assert np.abs(encoded[0][1] - native.encode([prompts[0]])[0]).max() < 1e-5


def test_native_path_never_imports_transformers():
    code = (
        "import sys\n"
        "import ingest, engine.models.adapter, conditioning.prompt\n"
        "from ingest.encoders import default_text_encoder\n"
        "tokens, vec = conditioning.prompt.encode_prompt('a pricing page with three plans')\n"
        "assert tokens.shape[1] == 384 and abs(float((vec ** 2).sum()) - 1) < 1e-5\n"
        "assert default_text_encoder().encode(['hello']).shape == (1, 384)\n"
        "assert default_text_encoder().backend == 'native'\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'transformers'))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("prefix", ["bert.", "0.auto_model."])
def test_prefixed_checkpoint_keys_load(tmp_path, native, prefix):
    weights = {prefix + k: v for k, v in _bundled_weights().items()}
    # heads the encoder does not use are ignored
    weights[prefix + "pooler.dense.weight"] = torch.zeros(384, 384)
    weights["cls.predictions.bias"] = torch.zeros(30522)
    folder = _model_folder_copy(tmp_path / "prefixed", weights=weights)
    enc = MiniLMTextEncoder(folder, backend="native")
    assert enc.name == "st:prefixed"
    assert np.abs(enc.encode(TEXTS[:4]) - native.encode(TEXTS[:4])).max() < 1e-6


def test_tensorflow_style_layer_norm_names_load(tmp_path, native):
    weights = {}
    for k, v in _bundled_weights().items():
        if "LayerNorm." in k:
            k = k.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta")
        weights[k] = v.half()  # half-precision files are widened to float32
    enc = MiniLMTextEncoder(_model_folder_copy(tmp_path / "tf", weights=weights), backend="native")
    assert np.abs(enc.encode(TEXTS[:3]) - native.encode(TEXTS[:3])).max() < 5e-3


def test_tanh_gelu_config_matches_transformers(tmp_path):
    config = dict(_bundled_config(), hidden_act="gelu_new", layer_norm_eps=1e-6)
    folder = _model_folder_copy(tmp_path / "tanh", config=config)
    a = MiniLMTextEncoder(folder).encode(TEXTS[:5])
    b = MiniLMTextEncoder(folder, backend="transformers").encode(TEXTS[:5])
    assert np.abs(a - b).max() < 1e-4


def test_non_bert_checkpoint_falls_back_to_transformers(tmp_path):
    from transformers import RobertaConfig, RobertaModel

    folder = _model_folder_copy(tmp_path / "tiny-roberta")
    (folder / "model.safetensors").unlink()
    torch.manual_seed(0)
    RobertaModel(RobertaConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                               intermediate_size=64, max_position_embeddings=300)).save_pretrained(folder)
    enc = MiniLMTextEncoder(folder)
    assert enc.backend == "transformers" and "roberta" in enc.backend_reason
    vecs = enc.encode(["a login page", "a dashboard"])
    assert vecs.shape == (2, 32)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    with pytest.raises(EncoderError, match="roberta"):
        MiniLMTextEncoder(folder, backend="native")


def _one_line(e: pytest.ExceptionInfo, folder: Path) -> str:
    msg = str(e.value)
    assert "\n" not in msg and str(folder) in msg
    return msg


def test_folder_without_weights_errors_in_one_line(tmp_path):
    folder = _model_folder_copy(tmp_path / "no-weights")
    (folder / "model.safetensors").unlink()
    enc = MiniLMTextEncoder(folder)
    assert enc.backend == "transformers" and enc.backend_reason == "no model.safetensors"
    with pytest.raises(EncoderError) as e:
        enc.encode(["hello"])
    _one_line(e, folder)
    with pytest.raises(EncoderError) as e:
        MiniLMTextEncoder(folder, backend="native")
    assert "no model.safetensors" in _one_line(e, folder)


def test_folder_without_tokenizer_json_is_not_native(tmp_path):
    folder = _model_folder_copy(tmp_path / "no-tokenizer-json")
    (folder / "tokenizer.json").unlink()
    assert MiniLMTextEncoder(folder).backend_reason == "no tokenizer.json"


@pytest.mark.parametrize(
    "damage, expected",
    [
        ("garbage", "model.safetensors: unreadable weights"),
        ("missing", "no weight 'encoder.layer.5.output.dense.weight'"),
        ("shape", "encoder.layer.0.intermediate.dense.weight has shape"),
        ("no-embeddings", "no embeddings.word_embeddings.weight in the weights"),
        ("tokenizer", "tokenizer.json: unreadable tokenizer"),
        ("config", "config has no 'num_hidden_layers'"),
    ],
)
def test_broken_native_checkpoints_error_in_one_line(tmp_path, damage, expected):
    weights = config = None
    if damage == "no-embeddings":
        weights = {k: v for k, v in _bundled_weights().items() if not k.startswith("embeddings.")}
    elif damage == "missing":
        weights = {k: v for k, v in _bundled_weights().items() if k != "encoder.layer.5.output.dense.weight"}
    elif damage == "shape":
        config = dict(_bundled_config(), intermediate_size=1024)
    elif damage == "config":
        config = {k: v for k, v in _bundled_config().items() if k != "num_hidden_layers"}
    folder = _model_folder_copy(tmp_path / damage, config=config, weights=weights)
    if damage == "garbage":
        (folder / "model.safetensors").unlink()
        (folder / "model.safetensors").write_bytes(b"\x00not a safetensors file" * 10)
    elif damage == "tokenizer":
        (folder / "tokenizer.json").write_text('{"model": {"type": "WordPiece"')
    enc = MiniLMTextEncoder(folder)
    assert enc.backend == "native"
    with pytest.raises(EncoderError) as e:
        enc.encode(["hello"])
    assert expected in _one_line(e, folder)


def test_unknown_backend_and_tiny_window_are_rejected(native):
    with pytest.raises(EncoderError, match="unknown text-encoder backend"):
        MiniLMTextEncoder(backend="onnx")
    with pytest.raises(EncoderError, match="max_tokens"):
        native.token_states(["hello"], 1)
    hidden, mask = native.token_states([], 32)
    assert hidden.shape == (0, 0, 384) and mask.shape == (0, 0)
    assert native.encode([]).shape == (0, 384) and native.token_embeddings([]) == []
