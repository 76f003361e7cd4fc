"""The Dutch sentiment lexicon: valences of Dutch words on VADER's scale (-4..4), written for crisisbot.

Written by hand for the project (no Dutch lexicon on PyPI is both maintained and free to ship: see
docs/monitor.md), for what customers write to and about brands. Entries are base forms: the scorer
also finds inflected ones ("schandalige", "waardeloze", "slechtste", "boze"). Words are lowercase;
the valence is the word's own, before negation, intensifiers and the rules of crisis/monitor/dutch_sentiment.py.
"""


def _entries(valence: float, words: str) -> dict[str, float]:
    return dict.fromkeys(words.split(), valence)


LEXICON: dict[str, float] = {
    # --- negative -----------------------------------------------------------------------------
    **_entries(-3.2, "schandalig schande walgelijk waardeloos bagger kut klote kloten tyfus tering kanker"
                     " godverdomme oplichters oplichter oplichting oplichterij afzetters afzetterij"
                     " belachelijk verschrikkelijk vreselijk afschuwelijk abominabel rampzalig woedend"
                     " misselijkmakend flutbedrijf prutsers prutswerk kutbedrijf waardeloze"),
    **_entries(-2.6, "slecht beroerd bedroevend triest diep-triest schaam schamen kwaad boos razend"
                     " onbeschoft grof brutaal kwetsend respectloos smakeloos smerig vies ranzig"
                     " onacceptabel onaanvaardbaar onverantwoord onveilig gevaarlijk hopeloos drama"
                     " chaos bende puinhoop fiasco ramp rampen oplichten bedrog bedrogen opgelicht"
                     " gestolen diefstal fraude nep leugen leugens liegen gelogen zielig treurig"
                     " onbetrouwbaar incompetent klantonvriendelijk onbruikbaar ongelofelijk-slecht"
                     " gruwelijk tenenkrommend irritant ergerlijk frustrerend gefrustreerd"
                     " beschamend kwalijk bizar absurd troep rommel zooi onzin gedoe spuugzat"
                     " teleurgesteld teleurstellend teleurstelling balen baal klacht klachten"),
    **_entries(-1.8, "jammer helaas probleem problemen fout fouten vergissing kapot stuk defect"
                     " storing storingen kwijt verloren beschadigd vertraging vertraagd geannuleerd"
                     " annulering uitgevallen vast hapert haperen crasht crash vastgelopen mislukt"
                     " onduidelijk ontevreden ongelukkig verdrietig bang zorgen bezorgd moe zat"
                     " overvol overboekt duur duurder prijsverhoging naheffing boete incasso afgewezen"
                     " geweigerd weigert weigeren geblokkeerd genegeerd negeren onbereikbaar"
                     " spijt klagen klaag ellende ellendig gezeur zeuren lastig moeilijk"
                     " onvriendelijk chagrijnig ongeduldig koud lauw lawaai herrie stank achteruit"
                     " achteruitgegaan overschat nadeel verspilling zonde lek lekt wachten"
                     " slechter slechtere ongeldig verkeerd verkeerde onjuist gemist mis"
                     " ziek buikpijn pijn schade verlies"),
    **_entries(-0.9, "matig middelmatig traag langzaam laat lang vervelend raar vreemd"
                     " twijfel twijfelachtig saai bureaucratie wachttijd wachtrij druk"),
    # --- positive -----------------------------------------------------------------------------
    **_entries(3.0, "geweldig fantastisch fantastische fenomenaal briljant perfect perfecte"
                    " uitstekend voortreffelijk subliem sublieme prachtig schitterend"
                    " geniaal heerlijk fenomenale topservice toppers topper"),
    **_entries(2.4, "super top goed prima fijn mooi leuk lekker blij tevreden dankbaar"
                    " vriendelijk behulpzaam gastvrij aardig lief attent vakkundig professioneel"
                    " snel snelle netjes keurig correct duidelijk geduldig chapeau complimenten"
                    " compliment aanrader aanbevolen bedankt dank dankjewel dankuwel thanks"
                    " favoriet favoriete beste knap sportief geholpen opgelost"
                    " betrouwbaar eerlijk handig comfortabel ruim schoon gezellig plezierig"
                    " genieten genoten trots gelukkig opgelucht vrolijk liefde respect"
                    " hartelijk warm menselijk fijne mooie leuke goede toppie tof"),
    **_entries(1.2, "oké ok oke redelijk handig gratis hulp welkom"
                    " hoop hopelijk graag succes beter verbeterd verbetering voordelig goedkoop"
                    " zorgvuldig rustig stil veilig makkelijk gemakkelijk"),
}
# Words that look like sentiment but say little in brand talk ("graag", "normaal", "hulp", "wachten").
LEXICON.update({"graag": 0.0, "normaal": 0.8, "hulp": 0.0, "welkom": 1.0, "stil": 0.0, "druk": -0.5, "lang": 0.0,
                "wachten": -0.9, "vast": 0.0, "prettig": 2.4, "vergeten": -1.2, "hoop": 0.5, "best": 0.0, "aardig": 1.8, "correct": 1.2})

# Words that scale the next sentiment word (VADER's boosters and dampeners).
INTENSIFIERS = frozenset(
    "heel erg zeer echt super enorm ontzettend ontiegelijk verschrikkelijk vreselijk totaal compleet volledig"
    " helemaal extreem hartstikke mega zwaar bijzonder uiterst ongelofelijk ongelooflijk absoluut zo zó"
    " ronduit werkelijk bizar belachelijk waanzinnig diep hoogst dik".split()
)
DAMPENERS = frozenset("beetje vrij redelijk nogal enigszins iets ietwat best tamelijk soms".split())
NEGATIONS = frozenset("niet geen nooit niks niets nergens niemand zonder noch allerminst".split())
