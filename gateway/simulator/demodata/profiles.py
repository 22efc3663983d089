"""The two demo companies: who they are and the vocabulary of their books.

Company A is a Norwegian construction firm (NOK), company B a Swedish trading firm (SEK).
A profile holds only fixed facts (accounts, VAT codes, items, sizes, seeds); the generators
turn it into records.
"""

from __future__ import annotations

from datetime import date

from gateway.simulator.demodata.catalog import (
    Account,
    Code,
    CompanyProfile,
    Currency,
    Market,
    VatCode,
    item_table,
)
from gateway.simulator.demodata.wordlists import GERMANY, NORWAY, SWEDEN
from gateway.simulator.tokens import COMPANY_A_TENANT, COMPANY_B_TENANT

NOK = Currency("NOK", "Norske kroner", "kr")
SEK = Currency("SEK", "Svenska kronor", "kr")
EUR = Currency("EUR", "Euro", "€")

_NO_VAT_HIGH = VatCode("1", "Fradragsberettiget inngående mva, høy sats", 25)
_NO_VAT_MID = VatCode("11", "Fradragsberettiget inngående mva, middels sats", 15)
_NO_VAT_IMPORT = VatCode("86", "Tjenester og varer kjøpt fra utlandet", 0)
_NO_MATERIALS = Account("4000", "Innkjøp av råvarer og halvfabrikata", "Expense")
_NO_FREIGHT = Account("4060", "Frakt, toll og spedisjon", "Expense")
_NO_SUBCONTRACT = Account("4500", "Fremmedytelser og underentrepriser", "Expense")
_NO_RENT = Account("6400", "Leie maskiner og utstyr", "Expense")
_NO_TOOLS = Account("6540", "Inventar og verktøy", "Expense")

COMPANY_A = CompanyProfile(
    tenant_id=COMPANY_A_TENANT,
    name="Fjellbygg Entreprenør AS",
    seed=20240117,
    base_currency=NOK,
    markets=(
        Market(
            country=NORWAY,
            currency=NOK,
            rate_millis=1000,
            weight=92,
            classes=(Code("INNL", "Innenlandske leverandører"), Code("UE", "Underentreprenører")),
            vat_zone=Code("NO", "Innenlands"),
            vat_override=None,
            payment_method=Code("BANK", "Bankoverføring"),
            account_used_for_payment="BBAN",
            language="nb-NO",
        ),
        Market(
            country=SWEDEN,
            currency=Currency("SEK", "Svenske kroner", "kr"),
            rate_millis=962,
            weight=5,
            classes=(Code("UTL", "Utenlandske leverandører"),),
            vat_zone=Code("UTL", "Utland"),
            vat_override=_NO_VAT_IMPORT,
            payment_method=Code("UTLAND", "Utenlandsbetaling"),
            account_used_for_payment="IBAN",
            language="sv-SE",
        ),
        Market(
            country=GERMANY,
            currency=EUR,
            rate_millis=11650,
            weight=3,
            classes=(Code("UTL", "Utenlandske leverandører"),),
            vat_zone=Code("UTL", "Utland"),
            vat_override=_NO_VAT_IMPORT,
            payment_method=Code("UTLAND", "Utenlandsbetaling"),
            account_used_for_payment="IBAN",
            language="de-DE",
        ),
    ),
    reserved_market=2,
    reserved_number="IMP/2024",
    supplier_count=240,
    first_supplier_number=10001,
    first_internal_id=1201,
    invoice_count=6000,
    first_invoice_number=100001,
    order_count=450,
    first_order_number=1,
    payment_count=380,
    first_payment_number=300001,
    credit_terms=(
        (Code("14", "14 dager netto"), 14),
        (Code("30", "30 dager netto"), 30),
        (Code("10", "10 dager netto"), 10),
        (Code("45", "45 dager netto"), 45),
    ),
    branches=(
        Code("1", "Fjellbygg Oslo"),
        Code("2", "Fjellbygg Bergen"),
        Code("3", "Fjellbygg Trondheim"),
    ),
    projects=(
        Code("P24-101", "Kvartal 7 Bjørvika"),
        Code("P24-102", "Fyllingsdalen skole"),
        Code("P24-103", "Brattøra kontorbygg"),
        Code("P24-104", "Lillestrøm sykehjem"),
        Code("P25-201", "Nydalen boligprosjekt"),
        Code("P25-202", "Sandvika brygge"),
        Code("P25-203", "Ranheim idrettshall"),
        Code("P25-204", "Fornebu barnehage"),
        Code("P26-301", "Hovinbyen trinn 2"),
        Code("P26-302", "Åsane senter rehabilitering"),
    ),
    project_tasks=(
        Code("01", "Rigg og drift"),
        Code("02", "Grunnarbeid"),
        Code("03", "Råbygg"),
        Code("04", "Tekniske fag"),
        Code("05", "Innredning"),
    ),
    project_share=60,
    items=item_table(
        """
    BET-B35 | Betong B35 levert | M3 | 1600-2400 | 4-60 | 4000 | 1 | NonStock
    ARM-K500 | Armeringsjern K500C 12 mm | KG | 12-19 | 200-4000 | 4000 | 1 | GoodsForInventory
    STILLAS-UKE | Stillasleie per uke | UKE | 4000-15000 | 1-8 | 6400 | 1 | Service
    EL-ARB | Elektroarbeid | TIME | 750-1100 | 8-160 | 4500 | 1 | Service
    ROR-ARB | Rørleggerarbeid | TIME | 800-1150 | 8-160 | 4500 | 1 | Service
    GIPS-13 | Gipsplate 13 mm 120x240 | STK | 95-140 | 20-400 | 4000 | 1 | GoodsForInventory
    ISO-100 | Isolasjon glassull 100 mm | PAK | 380-520 | 5-120 | 4000 | 1 | GoodsForInventory
    TRE-48198 | Konstruksjonsvirke 48x198 C24 | M | 52-78 | 50-1200 | 4000 | 1 | GoodsForInventory
    KRAN-LEIE | Kranleie med fører | TIME | 1400-2100 | 4-80 | 6400 | 1 | Service
    CONT-10 | Container 10 m3 leie og tømming | STK | 3500-5200 | 1-6 | 6400 | 1 | Service
    GRAV-ARB | Gravearbeid med maskin | TIME | 1100-1600 | 8-120 | 4500 | 1 | Service
    TRANSPORT | Transport byggevarer | TUR | 1800-4500 | 1-10 | 4060 | 1 | Freight
    MAL-INT10 | Maling innendørs 10 liter | STK | 890-1490 | 2-40 | 4000 | 1 | GoodsForInventory
    VINDU-120 | Vindu 3-lags 120x120 | STK | 5200-8900 | 1-30 | 4000 | 1 | GoodsForInventory
    SKRUE-GIPS | Gipsskruer 3,9x35, 1000 stk | PAK | 180-260 | 2-50 | 6540 | 1 | GoodsForInventory
    VENT-ARB | Ventilasjonsarbeid | TIME | 780-1050 | 8-120 | 4500 | 1 | Service
    ASFALT | Asfalt levert og lagt | M2 | 310-520 | 20-900 | 4500 | 1 | Service
    KANTINE | Kantine og bevertning byggeplass | STK | 250-1800 | 1-4 | 6540 | 11 | NonStock
        """,
        accounts=(_NO_MATERIALS, _NO_FREIGHT, _NO_SUBCONTRACT, _NO_RENT, _NO_TOOLS),
        vat_codes=(_NO_VAT_HIGH, _NO_VAT_MID),
    ),
    supplier_account=Account("2400", "Leverandørgjeld", "Liability"),
    cash_account="1920",
    warehouse=Code("HOVED", "Hovedlager Alnabru"),
    buyers=(
        Code("0f6e2c1d-4b3a-4c8e-9d21-6a7b5c4d3e01", "Ingrid Solheim"),
        Code("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c02", "Magnus Aas"),
        Code("2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d03", "Hanne Vik"),
    ),
    credit_note_word="Kreditnota",
    payment_word="Betaling",
    first_day=date(2024, 1, 2),
)

_SE_VAT_25 = VatCode("IN25", "Ingående moms 25 %", 25)
_SE_VAT_12 = VatCode("IN12", "Ingående moms 12 %", 12)
_SE_VAT_EU = VatCode("EUINK", "Inköp av varor från annat EU-land", 0)
_SE_VAT_IMPORT = VatCode("IMPORT", "Import av varor utanför EU", 0)
_SE_GOODS = Account("4010", "Inköp varor och material", "Expense")
_SE_FREIGHT = Account("5710", "Frakter och transporter", "Expense")
_SE_RENT = Account("5010", "Lokalhyra", "Expense")
_SE_SUPPLIES = Account("5460", "Förbrukningsmaterial", "Expense")
_SE_IT = Account("6540", "IT-tjänster", "Expense")

COMPANY_B = CompanyProfile(
    tenant_id=COMPANY_B_TENANT,
    name="Nordhavn Handel AB",
    seed=19871203,
    base_currency=SEK,
    markets=(
        Market(
            country=SWEDEN,
            currency=SEK,
            rate_millis=1000,
            weight=88,
            classes=(Code("INR", "Inrikes leverantörer"),),
            vat_zone=Code("SE", "Sverige"),
            vat_override=None,
            payment_method=Code("BG", "Bankgiro"),
            account_used_for_payment="BANKGIRO",
            language="sv-SE",
        ),
        Market(
            country=NORWAY,
            currency=Currency("NOK", "Norska kronor", "kr"),
            rate_millis=1040,
            weight=6,
            classes=(Code("UTL", "Utländska leverantörer"),),
            vat_zone=Code("EXP", "Import"),
            vat_override=_SE_VAT_IMPORT,
            payment_method=Code("UTL", "Utlandsbetalning"),
            account_used_for_payment="IBAN",
            language="nb-NO",
        ),
        Market(
            country=GERMANY,
            currency=EUR,
            rate_millis=11200,
            weight=6,
            classes=(Code("EU", "Leverantörer inom EU"),),
            vat_zone=Code("EU", "EU"),
            vat_override=_SE_VAT_EU,
            payment_method=Code("UTL", "Utlandsbetalning"),
            account_used_for_payment="IBAN",
            language="de-DE",
        ),
    ),
    reserved_market=2,
    reserved_number="EXT/77",
    supplier_count=210,
    first_supplier_number=20001,
    first_internal_id=4101,
    invoice_count=4000,
    first_invoice_number=500001,
    order_count=300,
    first_order_number=20001,
    payment_count=250,
    first_payment_number=700001,
    credit_terms=(
        (Code("30", "30 dagar netto"), 30),
        (Code("10", "10 dagar netto"), 10),
        (Code("60", "60 dagar netto"), 60),
    ),
    branches=(
        Code("1", "Nordhavn Göteborg"),
        Code("2", "Nordhavn Stockholm"),
        Code("3", "Nordhavn Malmö"),
    ),
    projects=(
        Code("KAMP-VAR", "Vårkampanj"),
        Code("BUTIK-GBG", "Ny butik Göteborg"),
        Code("LAGER-MMO", "Lagerflytt Malmö"),
        Code("WEBB-2025", "Ny webbutik"),
    ),
    project_tasks=(Code("01", "Inköp"), Code("02", "Marknadsföring"), Code("03", "Drift")),
    project_share=10,
    items=item_table(
        """
    KAF-1KG | Kaffe mellanrost 1 kg | ST | 89-140 | 20-600 | 4010 | IN12 | GoodsForInventory
    TEX-TS-M | T-shirt bomull storlek M | ST | 35-70 | 50-1500 | 4010 | IN25 | GoodsForInventory
    EMB-LADA40 | Wellpapplåda 40x30x30 | ST | 8-15 | 100-5000 | 5460 | IN25 | GoodsForInventory
    PALL-EUR | EUR-pall | ST | 120-190 | 10-200 | 5460 | IN25 | GoodsForInventory
    FRAKT | Frakt inrikes | ST | 450-3200 | 1-6 | 5710 | IN25 | Freight
    LAGERHYRA | Lagerhyra per månad | MÅN | 18000-45000 | 1-1 | 5010 | IN25 | Service
    VERKT-SATS | Verktygssats 94 delar | ST | 690-1190 | 5-80 | 4010 | IN25 | GoodsForInventory
    STRACKFILM | Sträckfilm 500 mm | RLE | 95-160 | 10-300 | 5460 | IN25 | GoodsForInventory
    PAPPER-A4 | Kopieringspapper A4 5x500 | KRT | 210-320 | 5-100 | 5460 | IN25 | NonStock
    IT-SUPPORT | IT-support | TIM | 650-1100 | 2-60 | 6540 | IN25 | Service
    LAX-FRYST | Laxfilé fryst | KG | 120-210 | 50-2000 | 4010 | IN12 | GoodsForInventory
    KONTORSSTOL | Kontorsstol | ST | 1400-3900 | 1-40 | 4010 | IN25 | GoodsForInventory
    REN-5L | Rengöringsmedel 5 l | ST | 160-290 | 10-300 | 4010 | IN25 | GoodsForInventory
    HUSH-SET12 | Hushållsset 12 delar | ST | 210-420 | 10-500 | 4010 | IN25 | GoodsForInventory
    KABEL-3G15 | Kabel 3G1,5 100 m | RLE | 690-1050 | 5-150 | 4010 | IN25 | GoodsForInventory
        """,
        accounts=(_SE_GOODS, _SE_FREIGHT, _SE_RENT, _SE_SUPPLIES, _SE_IT),
        vat_codes=(_SE_VAT_25, _SE_VAT_12),
    ),
    supplier_account=Account("2440", "Leverantörsskulder", "Liability"),
    cash_account="1930",
    warehouse=Code("HUVUD", "Huvudlager Arendal"),
    buyers=(
        Code("3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e04", "Linnea Holm"),
        Code("4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f05", "Oskar Ek"),
    ),
    credit_note_word="Kreditnota",
    payment_word="Betalning",
    first_day=date(2024, 1, 2),
)

PROFILES: tuple[CompanyProfile, ...] = (COMPANY_A, COMPANY_B)
