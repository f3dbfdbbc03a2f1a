"""Token readers: each turns one token file into a flat list of resolved `Token`s."""

from ingest.tokens.base import Token, TokenError
from ingest.tokens.dtcg import RawTokens, read_token_file

__all__ = ["RawTokens", "Token", "TokenError", "read_token_file"]
