"""Design-token readers: every common token format, with modes.

``parse_token_file`` reads one file into a `TokenDocument` (DTCG, Style Dictionary legacy,
Tokens Studio, DTCG resolver, Figma variables); ``build_token_set`` combines a folder's
documents into a `TokenSet` whose ``resolve(mode)`` gives resolved `Token`s for one mode.
"""

from ingest.tokens.base import Token, TokenError
from ingest.tokens.dtcg import RawTokens, read_token_file
from ingest.tokens.load import TOKEN_SUFFIXES, TokenDocument, parse_token_file
from ingest.tokens.tokenset import TokenSet, build_token_set

__all__ = [
    "TOKEN_SUFFIXES",
    "RawTokens",
    "Token",
    "TokenDocument",
    "TokenError",
    "TokenSet",
    "build_token_set",
    "parse_token_file",
    "read_token_file",
]
