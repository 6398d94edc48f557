"""Data gaps per book ("我的客户数据缺什么"): the fields a bank's data-quality policy asks for
that a client record lacks, stale contact, reviews due."""

from tools.data_quality.gaps import DataGapsArgs, data_gaps
from tools.data_quality.policy import DataQualityPolicy, load_data_quality_policy

__all__ = ["DataGapsArgs", "DataQualityPolicy", "data_gaps", "load_data_quality_policy"]
