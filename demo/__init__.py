"""The demo data: the 2022, 2023 and 2024 editions of the WIC Wuzhen Summit, loaded by ``load_wic_demo``."""
