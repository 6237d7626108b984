"""The awards' models: programmes and categories, nominations (and competition entries), and the jury."""

from .jury import MAX_SCORE, MIN_SCORE, ConflictOfInterest, JuryMember, Review, ReviewRound, ReviewScore
from .nomination import Nomination, NominationDocument, TeamMember
from .programme import AwardCategory, AwardProgramme, ReviewCriterion

__all__ = [
    "MAX_SCORE", "MIN_SCORE", "AwardCategory", "AwardProgramme", "ConflictOfInterest", "JuryMember", "Nomination",
    "NominationDocument", "Review", "ReviewCriterion", "ReviewRound", "ReviewScore", "TeamMember",
]
