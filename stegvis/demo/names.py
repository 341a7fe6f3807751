"""Name lists for the demo staff, written for Stegvis.

The Swedish lists mix the names common among people born 1960-2005 with names that reflect
today's care workforce in western Sweden; the Danish lists do the same for Randers. A person's
first name and surname are drawn from the same group, so a name reads as one person's name.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclass(frozen=True)
class NameGroup:
    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]


SWEDISH_FEMALE = _split(
    """
    Anna Eva Maria Karin Sara Kristina Lena Emma Kerstin Ingrid Marie Malin Jenny Hanna Linda
    Annika Susanne Elin Monica Birgitta Sofia Johanna Carina Elisabeth Julia Ulla Helena
    Camilla Åsa Therese Sandra Cecilia Ida Ebba Anneli Lisa Frida Moa Matilda Maja Amanda
    Josefin Emelie Louise Petra Pia Agneta Margareta Gunilla Katarina Anette Jessica Caroline
    Lina Klara Wilma Alva Elsa Ellen Alice Tove Linnéa Felicia Madeleine Mikaela Rebecka
    Ronja Sanna Veronica Yvonne Lotta Marianne Ann-Sofie Britt Siv Inger Viktoria Charlotte
    Jennie Tina Anja Hedvig Stina Astrid Märta Tilda Nellie Saga Lovisa Sigrid Ylva Mona
    Gun-Britt Pernilla Maud Eleonor
    """
)

SWEDISH_MALE = _split(
    """
    Lars Anders Johan Per Erik Karl Peter Jan Mikael Thomas Hans Daniel Fredrik Stefan Bengt
    Magnus Mats Andreas Jonas Martin Niklas Björn Patrik Henrik Oskar Marcus Alexander Viktor
    Emil Simon Filip Gustav Axel Anton Linus Robin Sebastian Kristoffer Tobias Joakim Christer
    Göran Leif Ulf Roger Kent Tommy Mattias Rasmus Elias Hugo Lucas Oliver William Isak Jesper
    David Adam Olof Håkan Kjell Rolf Sven Stig Pontus Albin Jimmy Dennis Ola Torbjörn
    """
)

SWEDISH_SURNAMES = _split(
    """
    Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
    Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson
    Lindström Lindqvist Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist
    Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund
    Danielsson Lundin Håkansson Björk Bergman Gunnarsson Holm Wikström Samuelsson Isaksson
    Fransson Bergqvist Nyström Holmberg Arvidsson Löfgren Söderberg Nyberg Blomqvist Claesson
    Nordström Mårtensson Lundström Viklund Björklund Eliasson Pålsson Berggren Sandström Lund
    Nordin Ström Åberg Hermansson Ekström Holmgren Sundberg Hedlund Dahlberg Hellström Sjögren
    Abrahamsson Falk Öberg Andreasson Månsson Blom Ek Lindholm Dahl Jonasson Åkesson Strand
    Sundström Norberg Nordqvist Ivarsson Hedberg Lindblom Lindahl Sjöström Lindén Nordlund
    Söderström Göransson Hedström Nylund Bergkvist Johannesson Kristiansson Karlberg
    Alexandersson Ottosson Thorsson Simonsson Adolfsson Augustsson Martinsson Edvardsson
    Torstensson Antonsson Sahlin Carlsson Stenberg Ekberg Strömberg Hagberg Rydberg Engberg
    Åström Lindskog Dahlgren Ljung Nord Kvist Rosén Malmberg Wiberg Hjelm Sjödin Grahn
    Brandt Hallberg Lorentzon Krantz Möller Kjellberg Bohlin Thunberg Wennberg Sundqvist
    Ågren Eng Skoglund Backman Hammar Larsén
    """
)

# Names of colleagues with roots in the Middle East, the Horn of Africa, Turkey, Vietnam,
# the Balkans, Poland, Finland, Latin America and Eritrea/Ethiopia.
INTERNATIONAL = (
    NameGroup(
        7,
        _split("Fatima Amina Leila Aisha Maryam Hiba Nour Samira Yasmin Dalia Rana Zainab Lina"),
        _split("Mohammed Ahmed Ali Hassan Omar Yusuf Mustafa Ibrahim Karim Samir Tariq Amir"),
        _split(
            "Ahmed Hassan Mohammed Ali Ibrahim Omar Mahmoud Khalil Haddad Saleh Hussein "
            "Abbas Jaber Nasser Al-Sayed"
        ),
    ),
    NameGroup(
        4,
        _split("Hodan Fardowsa Ayan Hawa Sahra Idil Nimco Ifrah Sagal"),
        _split("Abdi Abdullahi Mahad Liban Abdirahman Said Bashir"),
        _split("Abdi Osman Jama Warsame Farah Mohamud Nur Yusuf Egal"),
    ),
    NameGroup(
        3,
        _split("Zeynep Elif Ayse Emine Hatice Melike Derya"),
        _split("Mehmet Emre Murat Kemal Can Burak"),
        _split("Yilmaz Kaya Demir Sahin Celik Aydin Öztürk Arslan"),
    ),
    NameGroup(
        2,
        _split("Linh Mai Lan Thu Huong Ngoc"),
        _split("Minh Duc Tuan Hung Quang"),
        _split("Nguyen Tran Pham Le Hoang Vo"),
    ),
    NameGroup(
        3,
        _split("Jelena Mirela Ana Milica Amra Selma Emina Vesna"),
        _split("Marko Dragan Nikola Edin Adnan Goran Stefan"),
        _split("Jovanović Petrović Hodžić Begić Kovačević Marić Nikolić Hadžić"),
    ),
    NameGroup(
        2,
        _split("Agnieszka Aleksandra Marta Katarzyna Ewa Magdalena"),
        _split("Tomasz Piotr Krzysztof Pawel Michal"),
        _split("Nowak Kowalski Wiśniewska Wójcik Kamińska Lewandowski"),
    ),
    NameGroup(
        2,
        _split("Tiina Päivi Sari Riikka Anu Leena"),
        _split("Jari Mika Timo Pekka Juha"),
        _split("Virtanen Korhonen Mäkinen Nieminen Heikkinen Laine Koskinen"),
    ),
    NameGroup(
        1,
        _split("Carolina Daniela Valentina Paula Gabriela"),
        _split("Juan Carlos Diego Andrés Luis"),
        _split("García Rodríguez Silva Santos Muñoz Fernández"),
    ),
    NameGroup(
        2,
        _split("Helen Selam Senait Meron Ruth Hanna"),
        _split("Yonas Dawit Samuel Tesfay Bereket"),
        _split("Tesfaye Mekonnen Berhane Haile Gebremedhin Tekle"),
    ),
)

SWEDISH = NameGroup(78, SWEDISH_FEMALE, SWEDISH_MALE, SWEDISH_SURNAMES)
SWEDISH_GROUPS = (SWEDISH, *INTERNATIONAL)

DANISH_FEMALE = _split(
    """
    Anne Mette Kirsten Hanne Susanne Lene Marianne Camilla Pia Louise Charlotte Tina Maria
    Karen Bente Helle Gitte Lone Inge Birgitte Dorte Rikke Julie Sofie Emma Ida Laura Cecilie
    Maja Signe Line Trine Stine Katrine Malene Heidi Jette Sanne Nanna Freja Mia Josefine Anja
    Berit Vibeke Tove Ulla Pernille Christina Lise
    """
)

DANISH_MALE = _split(
    """
    Peter Jens Lars Michael Henrik Thomas Søren Jan Niels Anders Morten Jesper Martin Rasmus
    Mads Christian Kim Ole Mikkel Frederik Jonas Kasper Mathias Simon Bo Torben Poul Steen
    Klaus Brian Allan Jakob Emil Nikolaj Carsten
    """
)

DANISH_SURNAMES = _split(
    """
    Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen
    Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen
    Knudsen Jakobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Schmidt Eriksen Holm
    Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Østergaard Jeppesen Vestergaard
    Nissen Lauridsen Kjær Jespersen Mogensen Skov Bach Dam Nørgaard Jepsen Krogh Bertelsen
    Fischer Dalgaard Overgaard Toft Bak Winther Lassen Nygaard Juhl Brandt Gregersen
    """
)

DANISH = NameGroup(88, DANISH_FEMALE, DANISH_MALE, DANISH_SURNAMES)
DANISH_GROUPS = (DANISH, *INTERNATIONAL[:4])


def draw_name(rng: random.Random, country: str, female: bool) -> tuple[str, str]:
    """A (first name, surname) pair for a person in ``country`` ("SE" or "DK")."""
    groups = DANISH_GROUPS if country == "DK" else SWEDISH_GROUPS
    home = groups[0]
    group = rng.choices(groups, weights=[g.weight for g in groups])[0]
    first = rng.choice(group.female if female else group.male)
    # Some colleagues carry a local surname (by marriage, or a Nordic parent).
    surnames = home.surnames if group is not home and rng.random() < 0.12 else group.surnames
    return first, rng.choice(surnames)
