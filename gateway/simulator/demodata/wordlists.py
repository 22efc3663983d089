"""Word lists for realistic names and addresses, per country.

Data only: the generators pick from these with a seeded random source. Lists are written as
comma-separated text to keep the file readable.
"""

from __future__ import annotations

from dataclasses import dataclass


def words(text: str) -> tuple[str, ...]:
    """Split comma-separated text into a tuple of trimmed entries."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


@dataclass(frozen=True)
class City:
    """A city with a real postal code and its county (fylke, län, Land)."""

    name: str
    postal_code: str
    county_id: str
    county_name: str


@dataclass(frozen=True)
class Country:
    """Everything needed to invent a supplier located in one country."""

    id: str
    name: str
    surnames: tuple[str, ...]
    places: tuple[str, ...]
    trades: tuple[str, ...]
    name_patterns: tuple[str, ...]  # str.format patterns over {surname}, {place}, {trade}
    first_names: tuple[str, ...]
    streets: tuple[str, ...]
    cities: tuple[City, ...]
    phone_prefix: str
    web_suffix: str


NORWAY = Country(
    id="NO",
    name="Norge",
    surnames=words(
        "Hansen, Johansen, Olsen, Larsen, Andersen, Pedersen, Nilsen, Kristiansen, Jensen,"
        "Karlsen, Johnsen, Pettersen, Eriksen, Berg, Haugen, Hagen, Johannessen, Andreassen,"
        "Jacobsen, Dahl, Jørgensen, Halvorsen, Henriksen, Lund, Sørensen, Moen, Gundersen,"
        "Iversen, Strand, Solberg, Svendsen, Eide, Knutsen, Martinsen, Paulsen, Bakken,"
        "Kristoffersen, Mathisen, Lie, Amundsen"
    ),
    places=words(
        "Romerike, Nordfjord, Hedmark, Vestfold, Oslofjord, Trøndelag, Sunnmøre, Hardanger,"
        "Lofoten, Follo, Asker, Bærum, Agder, Telemark, Valdres, Ringerike, Helgeland, Jæren,"
        "Østfold, Nordmøre"
    ),
    trades=words(
        "Betong, Stillas, Elektro, Rør, VVS, Maskin, Trelast, Glass, Tak, Maling, Graving,"
        "Transport, Kran, Isolasjon, Stål, Grus, Byggevarer, Ventilasjon, Mur, Sikring,"
        "Container, Renhold, Asfalt, Heis, Vinduer"
    ),
    name_patterns=(
        "{surname} {trade} AS",
        "{place} {trade} AS",
        "{surname} & Sønn AS",
        "{trade}service {place} AS",
        "{place} {trade}utleie AS",
        "{surname} Entreprenør AS",
        "{trade}gruppen {place} AS",
        "{surname} og {trade} AS",
        "{place} {trade} ASA",
    ),
    first_names=words(
        "Ole, Kari, Lars, Ingrid, Per, Anne, Jon, Silje, Knut, Marte, Erik, Hilde, Anders,"
        "Nina, Thomas, Ida"
    ),
    streets=words(
        "Storgata, Kirkegata, Industriveien, Havnegata, Strandveien, Sjøgata, Fabrikkveien,"
        "Verkstedveien, Industrigata, Brugata, Nygata, Bryggeveien, Lagerveien, Bygdøy allé"
    ),
    cities=(
        City("Oslo", "0150", "03", "Oslo"),
        City("Bergen", "5003", "46", "Vestland"),
        City("Trondheim", "7010", "50", "Trøndelag"),
        City("Stavanger", "4006", "11", "Rogaland"),
        City("Drammen", "3015", "33", "Buskerud"),
        City("Fredrikstad", "1606", "31", "Østfold"),
        City("Kristiansand", "4610", "42", "Agder"),
        City("Lillestrøm", "2000", "32", "Akershus"),
        City("Tønsberg", "3110", "39", "Vestfold"),
        City("Hamar", "2317", "34", "Innlandet"),
        City("Ålesund", "6002", "15", "Møre og Romsdal"),
        City("Bodø", "8006", "18", "Nordland"),
        City("Tromsø", "9008", "55", "Troms"),
        City("Skien", "3724", "40", "Telemark"),
        City("Sandvika", "1337", "32", "Akershus"),
        City("Moss", "1530", "31", "Østfold"),
    ),
    phone_prefix="+47",
    web_suffix="no",
)

SWEDEN = Country(
    id="SE",
    name="Sverige",
    surnames=words(
        "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson,"
        "Svensson, Gustafsson, Pettersson, Jonsson, Jansson, Hansson, Bengtsson, Jönsson,"
        "Lindberg, Jakobsson, Magnusson, Lindström, Olofsson, Lindqvist, Lindgren, Axelsson,"
        "Bergström, Lundberg, Lundgren, Mattsson, Berglund, Fredriksson, Sandberg, Henriksson,"
        "Forsberg, Sjöberg, Wallin, Engström, Eklund, Danielsson"
    ),
    places=words(
        "Göta, Norrland, Mälardalen, Skåne, Halland, Småland, Värmland, Dalarna, Gotland,"
        "Blekinge, Jämtland, Bohus, Roslagen, Öresund, Vänern, Västkust, Uppland, Sörmland,"
        "Kalmar, Hälsinge"
    ),
    trades=words(
        "Förpackning, Logistik, Trading, Import, Grossist, Textil, Kemi, Livsmedel, Papper,"
        "Verktyg, Elektronik, Möbler, Frakt, Emballage, Kontorsvaror, Hushåll, Järn, Plast,"
        "Maskin, Kaffe, Fisk, Trä, Data"
    ),
    name_patterns=(
        "{surname} {trade} AB",
        "{place} {trade} AB",
        "{surname} & Co AB",
        "{trade}huset {place} AB",
        "{place} {trade}partner AB",
        "{surname}s {trade} HB",
        "{trade}gruppen {place} AB",
        "{surname} {trade} Sverige AB",
    ),
    first_names=words(
        "Anna, Erik, Lena, Johan, Karin, Mikael, Sara, Lars, Emma, Peter, Maria, Anders, Eva,"
        "Fredrik, Sofia, Magnus"
    ),
    streets=words(
        "Storgatan, Kungsgatan, Drottninggatan, Industrivägen, Hamngatan, Verkstadsgatan,"
        "Fabriksgatan, Järnvägsgatan, Lagervägen, Sjögatan, Torggatan, Bruksvägen"
    ),
    cities=(
        City("Göteborg", "411 05", "O", "Västra Götalands län"),
        City("Stockholm", "111 20", "AB", "Stockholms län"),
        City("Malmö", "211 20", "M", "Skåne län"),
        City("Uppsala", "753 20", "C", "Uppsala län"),
        City("Västerås", "722 12", "U", "Västmanlands län"),
        City("Örebro", "702 10", "T", "Örebro län"),
        City("Linköping", "582 22", "E", "Östergötlands län"),
        City("Helsingborg", "252 21", "M", "Skåne län"),
        City("Jönköping", "553 20", "F", "Jönköpings län"),
        City("Borås", "503 30", "O", "Västra Götalands län"),
        City("Sundsvall", "852 30", "Y", "Västernorrlands län"),
        City("Gävle", "802 50", "X", "Gävleborgs län"),
        City("Karlstad", "652 24", "S", "Värmlands län"),
        City("Umeå", "903 26", "AC", "Västerbottens län"),
        City("Halmstad", "302 42", "N", "Hallands län"),
    ),
    phone_prefix="+46",
    web_suffix="se",
)

GERMANY = Country(
    id="DE",
    name="Deutschland",
    surnames=words(
        "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Hoffmann, Schulz,"
        "Koch, Richter"
    ),
    places=words("Hansa, Nordsee, Elbe, Weser, Ostsee, Holstein, Friesland"),
    trades=words("Baustoffe, Technik, Logistik, Handel, Werkzeuge, Stahl, Maschinen"),
    name_patterns=(
        "{surname} {trade} GmbH",
        "{place} {trade} GmbH",
        "{surname} & {trade} KG",
        "{place}-{trade} AG",
    ),
    first_names=words("Jan, Katrin, Stefan, Julia, Markus, Sabine, Tobias, Anja"),
    streets=words("Hafenstraße, Industriestraße, Hauptstraße, Bahnhofstraße, Lagerweg"),
    cities=(
        City("Hamburg", "20095", "HH", "Hamburg"),
        City("Bremen", "28195", "HB", "Bremen"),
        City("Kiel", "24103", "SH", "Schleswig-Holstein"),
        City("Rostock", "18055", "MV", "Mecklenburg-Vorpommern"),
        City("Berlin", "10115", "BE", "Berlin"),
    ),
    phone_prefix="+49",
    web_suffix="de",
)
