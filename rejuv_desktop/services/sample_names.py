"""Name pools for generated clinics: the mix of origins a European hand clinic sees.

Accented Latin (French, Spanish, Portuguese, Irish, Nordic, German, Turkish), Polish letters
that Unicode does not decompose (ł), Greek and Cyrillic scripts: search, sorting and documents
must handle them all. Weights are rough shares of a clinic's patients, not statistics.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """Names of one origin: given names by sex, family names, and the share of patients."""

    key: str
    weight: float
    language: str
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    phone_format: str
    """A pattern where each ``#`` becomes a digit."""


def _split(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


ORIGINS: tuple[Origin, ...] = (
    Origin("english", 0.33, "en", _split(
        "Emma, Olivia, Sophie, Charlotte, Margaret, Susan, Helen, Elizabeth, Sarah, Catherine,"
        " Jane, Patricia, Rachel, Victoria, Joanne, Alison, Claire, Fiona, Gillian, Karen,"
        " Linda, Deborah, Amanda, Nicola, Louise, Hannah, Lucy, Grace, Amelia, Jessica, Carol,"
        " Barbara, Julie, Angela, Wendy, Pauline, Maureen, Janet, Lesley, Judith, Priya, Aisha"),
        _split("James, David, John, Michael, Robert, Peter, Andrew, Richard, Stephen, Paul"),
        _split(
        "Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Johnson,"
        " Roberts, Robinson, Thompson, Wright, Walker, White, Edwards, Hughes, Green, Hall,"
        " Lewis, Harris, Clarke, Patel, Jackson, Wood, Turner, Cooper, Hill, Ward, Morris,"
        " Moore, Clark, Lee, King, Baker, Harrison, Morgan, Allen, Scott, Phillips, Watson,"
        " Parker, Price, Bennett, Young, Griffiths, Mitchell, Kelly, Cook, Carter, Richardson,"
        " Bailey, Collins, Bell, Shaw, Murphy, Miller, Cox, Khan, Marshall, Anderson, Simpson,"
        " Ellis, Adams, Singh, Begum, Wilkinson, Foster, Chapman, Powell, Webb, Rogers, Gray,"
        " Mason, Ali, Hunt, Hussain, Campbell, Matthews, Owen, Palmer, Holmes, Mills, Barnes,"
        " Knight, Lloyd, Butler, Russell, Fisher, Stevens, Jenkins, O'Brien, O'Connor,"
        " McDonald, MacLeod, Llewellyn, Whitfield, Ashworth, Pemberton, Thornbury, Fairbanks"),
        "07### ######"),
    Origin("french", 0.24, "fr", _split(
        "Élise, Hélène, Chloé, Anaïs, Béatrice, Cécile, Clémence, Margaux, Léa, Manon, Camille,"
        " Aurélie, Sylvie, Françoise, Geneviève, Noémie, Maëlle, Océane, Mélanie, Séverine,"
        " Véronique, Brigitte, Nathalie, Isabelle, Sandrine, Valérie, Agnès, Joséphine, Amélie,"
        " Zoé, Renée, Céline, Eléna, Marie-Claire, Anne-Sophie"),
        _split("Jean-Luc, François, Thierry, Loïc, Jérôme"),
        _split(
        "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon,"
        " Laurent, Lefèvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier, Morel,"
        " Girard, André, Lefebvre, Mercier, Dupont, Lambert, Bonnet, François, Legrand, Garnier,"
        " Faure, Rousseau, Blanc, Guérin, Muller, Henry, Roussel, Nicolas, Perrin, Morin,"
        " Mathieu, Clément, Gauthier, Dumont, Fontaine, Chevalier, Robin, Masson, Gérard,"
        " Nguyen, Boyer, Denis, Lemaire, Duval, Joly, Roche, Noël, Meunier, Marchand, Dufour,"
        " Blanchard, Barbier, Brun, Dumas, Brunet, Leroux, Colin, Renard, Arnaud, Caron,"
        " Aubert, Giraud, Leclerc, Vidal, Bourgeois, Renaud, Lemoine, Picard, Gaillard, Lacroix,"
        " Fabre, Dupuis, Olivier, Da Silva, Hubert, Rivière, Le Gall, Le Goff, Prévost,"
        " Poirier, Carré, Rémy, Bélanger, Benoît, Ménard, Daudé"),
        "+33 6 ## ## ## ##"),
    Origin("polish", 0.10, "en", _split(
        "Agnieszka, Małgorzata, Katarzyna, Joanna, Anna, Ewa, Magdalena, Barbara, Krystyna,"
        " Elżbieta, Dorota, Zofia, Jadwiga, Grażyna, Bożena, Halina, Urszula, Łucja,"
        " Wiesława, Danuta, Jolanta"),
        _split("Paweł, Łukasz, Wojciech, Grzegorz, Michał"),
        _split(
        "Nowak, Kowalska, Wiśniewska, Wójcik, Kowalczyk, Kamińska, Lewandowska, Zielińska,"
        " Szymańska, Woźniak, Dąbrowska, Kozłowska, Jankowska, Mazur, Kwiatkowska, Krawczyk,"
        " Piotrowska, Grabowska, Nowakowska, Pawłowska, Michalska, Nowicka, Adamczyk, Dudek,"
        " Zając, Wieczorek, Jabłońska, Król, Majewska, Olszewska, Wróbel, Malinowska, Pawlak,"
        " Walczak, Stępień, Górska, Sikora, Baran, Duda, Szewczyk, Pietrzak, Marciniak,"
        " Wróblewska, Zawadzka, Bąk, Chmielewska, Włodarczyk, Sokołowska, Kaźmierczak,"
        " Głowacka, Kołodziej, Ziółkowska, Żółkiewska, Łukasiewicz, Łuczak, Gąsiorowska"),
        "+48 ### ### ###"),
    Origin("greek", 0.06, "en", _split(
        "Ελένη, Μαρία, Αικατερίνη, Βασιλική, Σοφία, Αγγελική, Γεωργία, Δήμητρα, Κωνσταντίνα,"
        " Παρασκευή, Ευαγγελία, Ιωάννα, Χριστίνα, Αναστασία, Θεοδώρα, Ειρήνη, Φωτεινή,"
        " Δέσποινα, Αθηνά, Ζωή"),
        _split("Γιώργος, Νίκος, Δημήτρης, Κώστας"),
        _split(
        "Παπαδοπούλου, Παπαδάκη, Γεωργίου, Οικονόμου, Παπαγεωργίου, Βασιλείου, Νικολάου,"
        " Καραγιάννη, Ιωάννου, Αθανασίου, Δημητρίου, Κωνσταντίνου, Χριστοδούλου, Μακρή,"
        " Αντωνίου, Πετροπούλου, Αλεξίου, Μιχαηλίδου, Σταματοπούλου, Κυριακίδου"),
        "+30 69# ### ####"),
    Origin("cyrillic", 0.06, "en", _split(
        "Анна, Мария, Елена, Ольга, Татьяна, Наталья, Ирина, Светлана, Екатерина, Юлия,"
        " Людмила, Галина, Оксана, Надежда, Вера, Дарья, Ксения, Алёна, Олена, Ганна"),
        _split("Дмитрий, Сергей, Андрій, Олег"),
        _split(
        "Смирнова, Иванова, Кузнецова, Попова, Соколова, Лебедева, Козлова, Новикова,"
        " Морозова, Петрова, Волкова, Соловьёва, Васильева, Зайцева, Павлова, Семёнова,"
        " Голубева, Виноградова, Богданова, Воробьёва, Шевченко, Коваленко, Бондаренко,"
        " Ткаченко, Кравченко, Олійник, Мельник, Петренко, Георгиева, Димитрова"),
        "07### ######"),
    Origin("germanic", 0.08, "en", _split(
        "Ursula, Sabine, Brigitte, Renate, Jutta, Gisela, Ingrid, Birgit, Karin, Monika,"
        " Ingeborg, Dörte, Solveig, Åsa, Sigrid, Liv, Mette, Bodil, Kirsten, Heike"),
        _split("Jürgen, Björn, Søren, Klaus"),
        _split(
        "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann,"
        " Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann,"
        " Braun, Krüger, Hartmann, Lange, Köhler, Jäger, Groß, Ødegård, Sørensen, Jørgensen,"
        " Søndergaard, Åberg, Lindström, Bjørnstad, Nyström, Håkansson, Löfgren"),
        "+49 15# ########"),
    Origin("iberian", 0.08, "en", _split(
        "María José, Ana María, Lucía, Carmen, Dolores, Pilar, Inés, Rocío, Begoña, Mónica,"
        " Ângela, Beatriz, Raquel, Nuria, Montserrat, Mercedes, Conceição, Lúcia"),
        _split("José, João, Andrés, Joaquín"),
        _split(
        "García, Fernández, González, Rodríguez, López, Martínez, Sánchez, Pérez, Gómez,"
        " Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Gutiérrez,"
        " Navarro, Torres, Domínguez, Vázquez, Ramos, Serrano, Suárez, Molina, Castro, Ortega,"
        " Núñez, Peña, Gonçalves, Conceição, Magalhães, Araújo, Simões"),
        "+34 6## ### ###"),
    Origin("irish", 0.03, "en", _split(
        "Siobhán, Niamh, Aoife, Sinéad, Máire, Orla, Caoimhe, Gráinne, Róisín, Deirdre"),
        _split("Seán, Ciarán, Pádraig"),
        _split(
        "Ó Súilleabháin, Ní Bhriain, O'Sullivan, Ó Briain, Mac Giolla, Ní Mhurchú, Ó Néill,"
        " Breathnach, Quinlan, Ó Ceallaigh"),
        "+353 8# ### ####"),
    Origin("turkish", 0.02, "en", _split(
        "Ayşe, Fatma, Gülşen, Şebnem, Çiğdem, Elif, Zeynep, Özlem, Hülya, Nur"),
        _split("Mehmet, Ahmet, Mustafa"),
        _split(
        "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Öztürk, Aydın, Özdemir, Arslan, Doğan,"
        " Kılıç"),
        "07### ######"),
)
