"""Dutch texts of the message catalog, by key: the same keys, `{name}` placeholders and Slack markup as en.py,
written as a Dutch crisis team speaks (verklaring, crisiskanaal, oproep), not word for word."""

MESSAGES: dict[str, str] = {
    # eenheden en woorden
    "unit.d": "{n} d",
    "unit.h": "{n} u",
    "unit.min": "{n} min",
    "unit.s": "{n} s",
    "word.nobody": "niemand",
    "organisation.default": "Ons bedrijf",
    # fouten die iemand zelf kan herstellen
    "error.title_required": "Een crisis heeft een titel nodig: zeg in een paar woorden wat er aan de hand is.",
    "error.bad_severity": "'{severity}' is geen ernstniveau. Kies uit {choices}, bijvoorbeeld `/crisis severity SEV2`.",
    "error.bad_kind": "'{kind}' is geen crisistype uit dit plan. Kies uit {choices}.",
    "error.bad_link": "De link moet beginnen met http:// of https:// (of laat het veld leeg).",
    "error.not_a_crisis_channel": "Dit commando werkt alleen in een crisiskanaal. Open er een met `/crisis open`, "
                                  "of geef het commando in het kanaal van de crisis die je bedoelt.",
    "error.unknown_crisis": "Die crisis bestaat niet meer.",
    "error.unknown_page": "Die oproep bestaat niet meer.",
    "error.unknown_action": "Die knop ken ik niet (de kaart is misschien van een oudere versie). Er is niets veranderd.",
    "room.made_as_group_chat": ":warning: Ik kon geen kanaal voor deze crisis maken: de app mist de machtiging *{permission}*. Deze groepschat is daarom de crisisruimte; een beheerder kan de machtiging voor de volgende keer toekennen.",
    "room.made_as_group_chat_no_team": "Er is geen team ingesteld voor crisiskanalen, dus deze groepschat is de crisisruimte.",
    "error.crisis_closed": "De crisis \"{title}\" is gesloten; er kan niets meer aan veranderen.",
    "error.illegal_transition": "Een crisis met de status {state} kan niet naar {to}.",
    "error.close_not_allowed": "Alleen de crisisleider ({lead}), degene die de crisis opende ({opener}) "
                               "of een planbeheerder kan de crisis sluiten.",
    "error.assign_not_allowed": "Alleen de crisisleider ({lead}), een planbeheerder of wie nu {role} is ({holder}) "
                                "kan de rol {role} aan iemand geven.",
    "error.assign_self_approver": "Iemand anders moet je de rol {role} geven: die rol keurt verklaringen goed, "
                                  "dus niemand neemt hem zichzelf.",
    "error.severity_not_allowed": "Alleen de crisisleider ({lead}) of een planbeheerder kan het ernstniveau "
                                  "wijzigen.",
    "error.started_not_allowed": "Alleen de crisisleider ({lead}), degene die de crisis opende ({opener}) of een "
                                 "planbeheerder legt vast wanneer de impact begon.",
    "error.not_responder": "Alleen de monitorverantwoordelijken (monitor.responders in het crisisplan) kunnen een "
                           "waarschuwing sluimeren, vals alarm melden of vermeldingen labelen.",
    "error.debrief_not_invited": "Alleen wie voor deze evaluatie is uitgenodigd, kan hem invullen.",
    "error.follow_up_not_yours": "Alleen de eigenaar ({owner}), de crisisleider ({lead}) of een planbeheerder "
                                 "kan deze vervolgactie afvinken.",
    "error.assignee_not_a_person": "{user} kan geen rol hebben: deze werkruimte kent die persoon niet, het account "
                                   "is gedeactiveerd of het is een bot. Noem een persoon met @.",
    "error.ack_handed_on": "Deze rol is overgedragen aan {holder}: deze oproep kun jij niet meer bevestigen.",
    "error.ack_not_yours": "Deze oproep is voor {user}; alleen iemand die voor deze rol is opgeroepen, kan hem "
                           "bevestigen.",
    "error.unknown_role": "'{role}' is geen rol uit dit plan. Rollen: {roles}.",
    "error.assign_usage": "Zeg welke rol en wie, bijvoorbeeld `/crisis assign legal @maria`.",
    "error.note_empty": "Schrijf de notitie achter het commando, bijvoorbeeld "
                        "`/crisis note Verklaring naar de pers gestuurd`.",
    "error.severity_usage": "Zeg welk ernstniveau, bijvoorbeeld `/crisis severity SEV1`.",
    "error.resolution_required": "Schrijf een korte samenvatting van de afhandeling voordat je sluit.",
    "error.unknown_subcommand": "`/crisis {sub}` ken ik niet. {help}",
    "error.internal": "Sorry, er ging aan onze kant iets mis; we hebben het vastgelegd. "
                      "Probeer het zo nog eens.",
    "error.unknown_source": "Er staat geen bron met de naam '{source}' in het plan.",
    "error.unknown_alert": "Die piekwaarschuwing bestaat niet meer.",
    "error.false_alarm_reason": "Zeg in een paar woorden waarom dit vals alarm is; daarmee worden de volgende "
                                "waarschuwingen beter.",
    "error.bad_label": "'{label}' is geen sentimentlabel; gebruik negative, neutral of positive.",
    "error.unknown_mention": "Die vermelding is niet meer bewaard (oude vermeldingen worden opgeruimd).",
    "error.no_terms": "Het plan volgt nog geen zoektermen: voeg `monitor.terms` toe aan het crisisplan.",
    "error.unknown_term": "'{term}' is geen gevolgde zoekterm. Gevolgd: {terms}.",
    # HTTP-weigeringen, voor wie de endpoints van de bot aanroept
    "http.use_post": "Gebruik POST.",
    "http.length_required": "Stuur een Content-Length-header mee.",
    "http.bad_length": "De Content-Length-header is geen getal.",
    "http.too_large": "De body is groter dan {limit} bytes.",
    "http.short_body": "De body is korter dan de Content-Length aangeeft.",
    "http.unsigned": "Ongeldig verzoek: de Slack-handtekening ontbreekt, is misvormd, verlopen of onjuist.",
    "http.not_slack": "Ongeldig verzoek: de body is geen slash-commando, interactie of event van Slack.",
    "ingest.too_old": "created_at {at} is ouder dan de {days} dagen dat het plan vermeldingen bewaart",
    # meldingen aan wie iets deed
    "notice.title_trimmed": "De titel was langer dan {limit} tekens; ik heb hem ingekort.",
    "notice.opened": "Crisis {channel} is geopend. De rolhouders worden opgeroepen.",
    "notice.note_added": "Notitie toegevoegd aan de tijdlijn.",
    "notice.severity_changed": "Het ernstniveau is nu {severity}.",
    "notice.severity_unchanged": "Het ernstniveau is al {severity}.",
    "notice.role_assigned": "{user} heeft nu de rol {role} en is opgeroepen.",
    "notice.role_unchanged": "{user} heeft de rol {role} al.",
    "notice.acknowledged": "Dank je, {role} is bevestigd. Je zit in het crisisteam: {channel}.",
    "notice.already_acknowledged": "{role} was al bevestigd door {user}.",
    "notice.duplicate": "Is al gebeurd.",
    # het crisiskanaal
    "room.topic": "{severity} · {title} · geleid door crisisbot (/crisis help)",
    "room.invite_failed": "Kon {user} niet uitnodigen: {reason}. Alle anderen zijn uitgenodigd.",
    "room.closed": "{user} heeft de crisis na {lasted} gesloten. Afhandeling: {resolution}",
    "announce.opened": ":rotating_light: {severity}-crisis geopend door {user}: *{title}* in {channel}",
    "announce.closed": ":white_check_mark: Crisis *{title}* ({channel}) is na {lasted} gesloten.",
    "announce.opened_private": ":lock: {user} heeft een besloten crisiskanaal geopend. Alleen wie is uitgenodigd, "
                               "ziet het; vraag {user} of de crisisleider als jij erbij hoort.",
    "announce.closed_private": ":white_check_mark: Een besloten crisis is na {lasted} gesloten.",
    # oproepen
    "page.dm": ":rotating_light: Je bent opgeroepen als *{role}* voor de {severity}-crisis *{title}* in {channel}. "
               "Bevestig binnen {within}.",
    "page.channel": "{user}: je bent opgeroepen als *{role}*. Bevestig binnen {within}.",
    "page.escalation_note": "(Geëscaleerd: de {level} reageerde niet op tijd.)",
    "page.acknowledge": "Bevestigen",
    "page.acknowledged": ":white_check_mark: {role} bevestigd door {user} om {at}.",
    "page.retrying": "De oproep aan {user} ({role}) is nog niet aangekomen ({reason}); ik blijf het proberen.",
    "page.given_up": ":x: De oproep aan {user} ({role}) werd geweigerd ({reason}) en ik ben gestopt met proberen. "
                     "Als niemand bevestigt, escaleert de rol zoals gewoonlijk.",
    "page.escalated": ":arrow_up: {role}: {user} bevestigde niet binnen {after}; ik roep de {level} {to} op.",
    "page.unanswered": ":warning: Niemand heeft de rol {role} bevestigd, ook niet na escalatie. "
                       "Wijs hem toe met `/crisis assign`.",
    "page.level.primary": "vaste houder",
    "page.level.backup": "vervanger",
    "page.level.lead": "crisisleider",
    # de crisiskaart
    "card.header": ":rotating_light: {title}",
    "card.header_closed": ":white_check_mark: {title} (gesloten)",
    "card.severity": "*Ernst*\n{severity}",
    "card.status": "*Status*\n{status}",
    "card.started": "*Begonnen*\n{at}",
    "card.opened_by": "*Geopend door*\n{user}",
    "card.kind": "*Type*\n{kind}",
    "card.lasted": "*Duurde*\n{lasted}",
    "card.reputation": "*Reputatie van {term}*\n{score}/100 ({band})",
    "card.statements_published": ":white_check_mark: Verklaringen gepubliceerd: {n}",
    "card.statements_waiting": ":memo: Verklaringen ter goedkeuring: {n}",
    "card.paused_posts": ":double_vertical_bar: Ingeplande merkberichten gepauzeerd: {n}",
    "card.open_inquiries": ":newspaper: Openstaande persvragen: {n}",
    "card.link": "Link naar wat er gebeurde",
    "card.roles": "*Rollen*",
    "card.role_acked": "{role}: {user} :white_check_mark: bevestigd {at}",
    "card.role_acked_by_other": "{role}: {user} (bevestigd door {by} {at})",
    "card.role_waiting": "{role}: {user} :hourglass_flowing_sand: opgeroepen, nog niet bevestigd",
    "card.role_unanswered": "{role}: {user} :warning: niemand heeft bevestigd",
    "card.role_vacant": "{role}: :warning: niemand heeft deze rol (kijk het plan na)",
    "card.role_primary_missing": "{role}: :warning: de vaste houder uit het plan is niet gevonden in de chat; "
                                 "in plaats daarvan is vervanger {backup} opgeroepen",
    "card.resolution": "*Afhandeling*\n{resolution}",
    "card.footer": "Crisis #{id} · `/crisis help` voor de commando's",
    "status.open": "Open",
    "status.closed": "Gesloten",
    # modals
    "modal.open.title": "Crisis openen",
    "modal.open.submit": "Crisis openen",
    "modal.close.title": "Crisis sluiten",
    "modal.close.submit": "Crisis sluiten",
    "modal.cancel": "Annuleren",
    "modal.field.title": "Titel",
    "modal.field.title_hint": "Een paar woorden die het hele team herkent, bijvoorbeeld 'Kwetsende reclamevideo'.",
    "modal.field.severity": "Ernst",
    "modal.field.kind": "Type crisis",
    "modal.field.description": "Wat er gebeurde",
    "modal.field.link": "Link (het bericht, artikel of ticket)",
    "modal.field.resolution": "Samenvatting van de afhandeling",
    "modal.close.intro": "Je sluit *{title}*. De kaart en het aankondigingskanaal vermelden hoe lang de crisis "
                         "duurde.",
    "severity.option": "{key}: {description}",
    "kind.offensive_post": "Kwetsend bericht",
    "kind.complaint_wave": "Klachtengolf",
    "kind.account_leak": "Gelekt of gehackt account",
    "kind.outage": "Storing",
    "kind.other": "Anders",
    "kind.custom": "{name}",
    # tijdlijn
    "timeline.header": "*Tijdlijn van {title}*",
    "timeline.empty": "Nog niets op de tijdlijn.",
    "timeline.line": "{at} · {text}",
    "timeline.more": "…en {n} eerdere items.",
    "timeline.opened": "{actor} opende de crisis ({severity}): {title}",
    "timeline.channel_created": "Kanaal {channel} aangemaakt",
    "timeline.paged": "{user} opgeroepen als {role} ({level})",
    "timeline.page_failed": "Oproep aan {user} als {role} mislukt ({reason}); wordt opnieuw geprobeerd",
    "timeline.acknowledged": "{actor} bevestigde {role}, {after} na de start van de crisis",
    "timeline.escalated": "{role}: {user} reageerde niet; geëscaleerd naar {to} ({level})",
    "timeline.unanswered": "{role}: niemand heeft bevestigd",
    "timeline.invite_failed": "Kon {user} niet uitnodigen: {reason}",
    "timeline.note": "{actor}: {text}",
    "timeline.severity_changed": "{actor} wijzigde het ernstniveau {old} → {new}",
    "timeline.role_assigned": "{actor} gaf {role} aan {to} (was {user})",
    "timeline.closed": "{actor} sloot de crisis na {lasted}: {resolution}",
    # vermeldingenmonitor
    "monitor.source_down": ":warning: Bron *{source}* werkt al {since} niet ({reason}). "
                           "Ik blijf het proberen; waarschuwingen kunnen vertraagd zijn tot de bron hersteld is.",
    "monitor.source_recovered": ":white_check_mark: Bron *{source}* werkt weer.",
    "monitor.warning_refused": ":x: Een piekwaarschuwing over *{term}* (sinds {since}) werd geweigerd ({reason}); "
                               "ik ben gestopt met proberen. Bekijk de zoekterm met `/crisis pulse {term}`.",
    "warning.volume": ":chart_with_upwards_trend: *Piek in vermeldingen van {term}*: {ratio}× het normale volume "
                      "sinds {since}.",
    "warning.update_volume": ":arrow_double_up: *De piek in vermeldingen van {term} groeit*: nu {ratio}× het "
                             "normale volume (sinds {since}).",
    "warning.negative": ":thumbsdown: *Meer negatieve vermeldingen van {term}*: {share} negatief, normaal {normal} "
                        "(sinds {since}).",
    "warning.update_negative": ":arrow_double_up: *De negativiteit over {term} neemt toe*: {share} negatief, "
                               "normaal {normal} (sinds {since}).",
    "warning.mentions": "*Vermeldingen in de {minutes} minuten vanaf {at}*\n{n} (normaal voor dit tijdstip: "
                        "{normal})",
    "warning.negative_share": "*Negatief*\n{share}",
    "warning.reputation": "*Reputatie*\n{score}/100 ({band})",
    "warning.level": "*Niveau*\n{level}",
    "warning.spam": ":robot_face: De meeste van deze vermeldingen zijn vrijwel identieke kopieën (spam of een "
                    "gecoördineerde golf); op negativiteit alleen was deze waarschuwing er niet gekomen.",
    "warning.examples": "*Voorbeelden* (corrigeer een sentiment via ⋯: zo leert je eigen model bij)",
    "warning.examples_teams": "*Voorbeelden* (corrigeer een sentiment met de knoppen onder een bericht: zo leert "
                              "je eigen model bij)",
    "warning.link": "openen",
    "warning.open_crisis": "Crisis openen",
    "warning.false_alarm_button": "Vals alarm",
    "warning.snooze": "1 uur stil",
    "warning.in_crisis": ":rotating_light: {user} heeft vanuit deze waarschuwing een crisis geopend: {channel}",
    "warning.during_crisis": ":rotating_light: Geplaatst in het crisiskanaal {channel}.",
    "warning.false_alarm": ":no_bell: {user} heeft dit als vals alarm gemarkeerd: {reason}",
    "warning.snoozed": ":zzz: {user} heeft waarschuwingen over deze zoekterm stilgezet tot {until}.",
    "warning.crisis_title": "Vermeldingen van {term}: {ratio}× normaal",
    "warning.crisis_description": "Geopend vanuit een piekwaarschuwing: {mentions} vermeldingen in {minutes} minuten "
                                  "({ratio}× normaal), {share} negatief, reputatie {score}/100.",
    "label.negative": "Negatief",
    "label.neutral": "Neutraal",
    "label.positive": "Positief",
    "label.unscored": "Niet gescoord",
    "band.healthy": "gezond",
    "band.watch": "in de gaten houden",
    "band.damaged": "beschadigd",
    "band.crisis": "crisis",
    "update.numbers": ":bar_chart: *{term}* in het afgelopen uur: {mentions} vermeldingen, {share} negatief, "
                      "reputatie {score}/100 ({band}).",
    "pulse.summary": ":bar_chart: *{term}*, afgelopen 24 uur: {mentions} vermeldingen; reputatie nu {score}/100 "
                     "({band}).",
    "chart.title": "{term}: vermeldingen, afgelopen 24 uur",
    "chart.volume": "vermeldingen per interval",
    "chart.share": "% negatief",
    "chart.score": "reputatie 0-100",
    "chart.time": "{zone}",
    "modal.false_alarm.title": "Vals alarm",
    "modal.false_alarm.submit": "Opslaan",
    "modal.field.reason": "Waarom is dit geen crisis?",
    "modal.field.reason_hint": "Bijvoorbeeld een geplande campagne, een meme die niet over ons gaat, een botnetwerk.",
    "notice.update_posted": "Update geplaatst in het kanaal en op de tijdlijn.",
    "notice.labelled": "Dank je: gemarkeerd als {label}. Exporteer labels met `crisisbot export-labels`.",
    "notice.already_in_crisis": "Vanuit deze waarschuwing is al een crisis geopend: {channel}",
    "notice.snoozed": "Waarschuwingen over {term} staan stil tot {until}.",
    "timeline.statement_drafted": "{actor} schreef concept-verklaring #{statement} voor {target}",
    "timeline.statement_edited": "{actor} bewerkte verklaring #{statement} (nu versie {version})",
    "timeline.statement_approved": "{actor} keurde verklaring #{statement} v{version} goed als {role}",
    "timeline.statement_changes_requested": "{actor} vroeg om wijzigingen in verklaring #{statement}: {note}",
    "timeline.statement_rejected": "{actor} wees verklaring #{statement} af: {note}",
    "timeline.statement_published": "Verklaring #{statement} gepubliceerd ({ref})",
    "timeline.statement_publish_failed": "Publiceren van verklaring #{statement} mislukt: {error}",
    "timeline.posts_paused": "Ingeplande merkberichten gepauzeerd: {count}",
    "timeline.post_resumed": "{actor} heeft een gepauzeerd bericht in {where} hervat",
    "timeline.post_discarded": "{actor} heeft een gepauzeerd bericht in {where} geschrapt",
    "timeline.update_posted": "{actor} plaatste een update: {text}",
    "timeline.press_logged": "{actor} registreerde een persvraag van {outlet}",
    "timeline.press_answered": "{actor} beantwoordde de vraag van {outlet} met verklaring #{statement}",
    "timeline.press_reopened": "De vraag van {outlet} staat weer open: verklaring #{statement}, het antwoord, is niet "
                               "meer goedgekeurd",
    # verklaringen, updates, gepauzeerde berichten, pers
    "error.unknown_statement": "Die verklaring bestaat niet meer.",
    "error.unknown_inquiry": "Die persvraag bestaat niet meer.",
    "error.unknown_paused_post": "Dat gepauzeerde bericht bestaat niet meer.",
    "error.update_empty": "Schrijf de update achter het commando, bijvoorbeeld "
                          "`/crisis update Excuses geplaatst op alle kanalen`.",
    "error.paused_post_crisis_open": "Gepauzeerde berichten worden hervat of geschrapt nadat de crisis is gesloten.",
    "error.paused_post_not_lead": "Alleen de crisisleider ({lead}), degene die de crisis opende ({opener}) of een "
                                  "planbeheerder beslist over gepauzeerde berichten.",
    "error.paused_post_decided": "Dit bericht is al {outcome}.",
    "error.paused_post_time_passed": "Het geplande tijdstip ({at}) is voorbij: kies een nieuw tijdstip om het te "
                                     "hervatten.",
    "error.paused_post_new_time": "Kies een tijdstip in de toekomst voor het bericht.",
    "error.press_deadline_required": "Wanneer heeft de journalist het antwoord nodig? Kies de deadline.",
    "paused.outcome.resumed": "hervat",
    "paused.outcome.discarded": "geschrapt",
    "error.paused_post_other_crisis_open": "De crisis *{title}* is nu open: hervat dit bericht als die gesloten is. "
                                           "Schrappen kan nu al.",
    "paused.outcome.published": "gepubliceerd (het ging uit voor de pauze)",
    "error.paused_post_publishing": "Dit bericht wordt nu vanuit de wachtrij van crisisbot gepubliceerd (het was aan "
                                    "de beurt toen de crisis openging), dus het kan nog niet geschrapt worden: "
                                    "probeer het zo opnieuw.",
    "statement.published": ":white_check_mark: Verklaring #{statement} voor {target} is goedgekeurd en "
                           "gepubliceerd.",
    "statement.published_in_chat": ":white_check_mark: Verklaring #{statement} voor {target} is goedgekeurd en in het "
                                   "verklaringenkanaal geplaatst. crisisbot heeft geen account voor {target}: plaats "
                                   "hem daar zelf.",
    "statement.published_nowhere": ":white_check_mark: Verklaring #{statement} voor {target} is goedgekeurd. Er is "
                                   "geen publicatiekanaal ingesteld: plaats hem zelf.",
    "statement.publish_retrying": ":hourglass: Verklaring #{statement} is goedgekeurd maar nog niet gepubliceerd: "
                                  "{error}. Ik blijf het proberen; om het te stoppen: [Afwijzen] op de kaart.",
    "statement.publish_failed_notice": ":x: Verklaring #{statement} is goedgekeurd maar niet gepubliceerd: {error}. "
                                       "Gebruik [Opnieuw publiceren] op de kaart van de verklaring, of [Afwijzen] "
                                       "om hem in te trekken.",
    "statement.withdrawn": ":no_entry_sign: Verklaring #{statement} voor {target} is afgewezen voordat hij uitging: "
                           "hij wordt niet gepubliceerd.",
    "statement.closed_unpublished": ":no_entry_sign: Verklaring #{statement} voor {target} is niet gepubliceerd: de "
                                    "crisis werd gesloten voordat hij uitging, dus het wordt niet opnieuw geprobeerd.",
    "statement.deadline_notice": "{user}: {what}",
    "press.reminder": ":newspaper: {user}: de vraag van {outlet} moet over {left} beantwoord zijn en is nog open.",
    "update.posted": ":loudspeaker: Update over *{title}* van {user}: {text}",
    "update.drill_skipped": ":information_source: Niet geplaatst in {channel}: overgeslagen: oefening (in een echte "
                            "crisis zouden de belanghebbenden daar dit nu lezen).",
    "update.reminder": ":alarm_clock: {user}: al {every} geen update ({severity} vraagt er minstens zo vaak één). "
                       "Plaats er een met `/crisis update <tekst>` of publiceer een verklaring.",
    "card.statement.head": ":memo: *Verklaring #{id}* voor {target} · versie {version} · {state}",
    "card.statement.author": "door {user}",
    "card.statement.length": "{count}/{limit} tekens",
    "card.statement.length_over": ":warning: {count}/{limit} tekens: {over} te veel; goedkeuren kan pas na een "
                                  "bewerking",
    "card.statement.deadline": "goedkeuren vóór {at}",
    "card.statement.approved_by": ":heavy_check_mark: {role}: {user} keurde v{version} goed",
    "card.statement.published": ":white_check_mark: Gepubliceerd {at}: {ref}",
    "card.statement.publish_error": ":x: Nog niet gepubliceerd: {error}",
    "card.statement.closed_unpublished": ":no_entry_sign: Niet gepubliceerd: de crisis werd gesloten voordat hij "
                                         "uitging, dus het wordt niet opnieuw geprobeerd.",
    "card.statement.tone_head": ":bulb: *Tips over de toon* (goedkeuren kan gewoon):",
    "card.statement.tone.defensive": "• Defensief of vijandig: {words}. Erken wat er gebeurde in plaats van het te "
                                     "verdedigen.",
    "card.statement.tone.blame": "• Schuld afschuiven: {words}. Neem verantwoordelijkheid; wijs niet naar anderen.",
    "card.statement.tone.arguing": "• In discussie gaan: {words}. Zet feiten rustig recht, zonder mensen tegen te "
                                   "spreken.",
    "card.statement.tone.sarcasm": "• Sarcasme: {words}. In een crisis lezen mensen het letterlijk.",
    "card.statement.tone.shouting": "• Hoofdletters lezen als schreeuwen: {words}.",
    "card.statement.tone.no_apology": "• Geen excuses, terwijl dit type crisis erom vraagt: bied ze duidelijk aan.",
    "target.press": "Persbericht",
    "target.customer_care": "Standaardantwoord klantenservice",
    "target.internal": "Intern",
    "statement.approve": "Goedkeuren",
    "statement.request_changes": "Wijzigingen vragen",
    "statement.edit": "Bewerken",
    "statement.reject": "Afwijzen",
    "statement.retry": "Opnieuw publiceren",
    "statement.show_full": "Volledige tekst tonen",
    "quote.cut": "_De tekst is hier afgebroken: {shown} van {total} tekens getoond. *{button}* laat alles zien._",
    "modal.statement.title": "Verklaring #{id} v{version}",
    "modal.close": "Sluiten",
    "modal.draft.title": "Verklaring opstellen",
    "modal.draft.submit": "Ter goedkeuring",
    "modal.edit.title": "Verklaring bewerken",
    "modal.edit.submit": "Nieuwe versie opslaan",
    "modal.note.changes_title": "Wijzigingen vragen",
    "modal.note.reject_title": "Verklaring afwijzen",
    "modal.note.submit": "Versturen",
    "modal.field.target": "Waar hij gepubliceerd wordt",
    "modal.field.template": "Sjabloon voor een eerste verklaring",
    "modal.field.template_hint": "Laat de tekst leeg om met het sjabloon te beginnen, ingevuld voor deze crisis.",
    "modal.field.text": "Tekst",
    "modal.field.text_part": "{field}, deel {n} van {count}",
    "modal.field.text_parts_hint": "Te lang voor één Slack-vak, dus de tekst staat in {count} delen; bij opslaan "
                                   "worden ze in deze volgorde samengevoegd.",
    "error.statement_text_part_missing": "Een deel van de tekst (in {count} delen) kwam niet mee met het formulier, "
                                         "dus er is niets opgeslagen: een afgekapte tekst wordt nooit een versie. "
                                         "Open het formulier opnieuw.",
    "modal.field.deadline": "Goedkeuren vóór (optioneel)",
    "modal.field.note": "Wat moet er anders, of waarom",
    "modal.press.title": "Persvraag",
    "modal.press.submit": "Vraag vastleggen",
    "modal.field.outlet": "Medium",
    "modal.field.contact": "Journalist en contactgegevens",
    "modal.field.question": "De vraag",
    "modal.field.press_deadline": "Deadline van de journalist",
    "modal.answer.title": "Persvraag beantwoorden",
    "modal.answer.submit": "Beantwoorden",
    "modal.field.statement": "Met de goedgekeurde verklaring",
    "modal.resume.title": "Bericht hervatten",
    "modal.resume.submit": "Inplannen",
    "modal.field.post_at": "Nieuw tijdstip",
    "press.logged": ":newspaper: *Persvraag* van {outlet} ({contact}): {question}\nDeadline {deadline}; "
                    "toegewezen aan {user}.",
    "press.answered": ":white_check_mark: De vraag van {outlet} is beantwoord met verklaring #{statement} ({at}).",
    "press.answer": "Beantwoorden met een verklaring",
    "press.no_statement": "Er is in deze crisis nog geen verklaring goedgekeurd. Stel er een op met `/crisis draft`.",
    "paused.intro": "De crisis *{title}* is gesloten. Bij het openen zijn {n} ingeplande merkberichten gepauzeerd: "
                    "hervat of schrap ze een voor een.",
    "paused.more": "Gepauzeerde merkberichten van *{title}*, {first}–{last} van {n}: hervat of schrap ze een "
                   "voor een.",
    "paused.post": "{channel}, gepland voor {at}:\n> {text}",
    "paused.resume": "Hervatten",
    "paused.discard": "Schrappen",
    "paused.time_passed": "Dit bericht stond gepland voor {at}; dat tijdstip is voorbij. Wanneer moet het de deur "
                          "uit?",
    "paused.resumed": ":arrow_forward: {user} heeft het bericht in {channel} hervat; het wordt geplaatst op {at}.",
    "paused.discarded": ":wastebasket: {user} heeft het bericht in {channel} geschrapt.",
    "timeline.impact_started": "{actor} zette het begin van de impact op {at}",
    "timeline.debrief_answered": "{actor} heeft de evaluatie ingevuld",
    "timeline.follow_up_done": "{actor} vinkte een vervolgactie af: {text}",
    "error.unknown_debrief": "Er is geen evaluatie voor deze crisis (die begint zodra de crisis gesloten is).",
    "error.unknown_follow_up": "Die vervolgactie bestaat niet meer.",
    "error.debrief_required": "Beantwoord deze vraag alsjeblieft.",
    "error.debrief_scale": "Kies een getal van 1 tot en met 5.",
    "error.debrief_progress_lead": "Alleen de crisisleider ({lead}), degene die de crisis opende ({opener}) of een "
                                   "planbeheerder kan de voortgang van de evaluatie zien.",
    "error.debrief_not_started": "De evaluatie begint zodra de crisis gesloten is.",
    "error.debrief_closed": "De evaluatie is gesloten op {deadline}; het rapport is gemaakt met de antwoorden die "
                            "binnen waren.",
    "error.started_usage": "Zeg wanneer de impact begon, op de klok van het team ({zone}): `/crisis started 14:05` "
                           "(vandaag) of `/crisis started 2026-11-25 14:05` (zet er `UTC` achter voor een tijd in "
                           "UTC).",
    "error.time_nonexistent": "{time} bestaat niet op {day} in {zone}: die nacht gaat de klok {gap} vooruit. "
                              "Schrijf de tijd zoals de klok hem aangaf; waarschijnlijk bedoel je {meant}.",
    "error.time_ambiguous": "{time} kwam op {day} in {zone} twee keer voor (de klok ging terug). Zeg welke je "
                            "bedoelt: `{time} {earlier}` (de eerste) of `{time} {later}` (de tweede).",
    "error.time_unknown_zone": "'{abbreviation}' is niet hoe de klok in {zone} op {day} heet; schrijf {labels} of "
                               "`UTC`, of laat het weg.",
    "error.started_future": "{at} ligt in de toekomst; toen kan de impact nog niet begonnen zijn.",
    "error.started_debrief_closed": "De evaluatie van \"{title}\" sloot op {deadline} en het rapport is gemaakt: het "
                                    "begin van de impact kan niet meer veranderen.",
    "debrief.unreachable": ":warning: De evaluatievragen konden {user} niet bereiken: {reason}.",
    "followup.reminder": ":pushpin: Vervolgactie uit *{title}*: {text} (uiterlijk {due}).",
    "followup.reminder_refused": "Ik kon {user} niet herinneren aan de vervolgactie \"{text}\" ({reason}) en ben "
                                 "gestopt met proberen.",
    "debrief.invitation": ":clipboard: De crisis *{title}* ({channel}) is gesloten. Vul de evaluatie in vóór "
                          "{deadline}: vijf minuten die de volgende crisis beter laten verlopen.",
    "debrief.reminder": ":alarm_clock: Herinnering: de evaluatie van *{title}* sluit {deadline}.",
    "debrief.reminder_refused": "Ik kon {user} niet aan de evaluatie herinneren ({reason}) en ben gestopt met proberen.",
    "debrief.start": "Evaluatie invullen",
    "debrief.intro": "Evaluatie van *{title}*. Je kunt je antwoorden aanpassen tot {deadline}.",
    "debrief.question": "{text}",
    "debrief.default.went_well": "Wat ging er goed?",
    "debrief.default.went_badly": "Wat ging er mis?",
    "debrief.default.root_cause": "Wat was de oorzaak?",
    "debrief.default.response_speed": "Hoe snel reageerden we? (1 = veel te traag, 5 = snel genoeg)",
    "debrief.default.roles_clear": "Waren de rollen duidelijk? (1 = helemaal niet, 5 = volkomen)",
    "debrief.default.lesson": "Eén les voor de volgende keer",
    "debrief.default.follow_ups": "Vervolgacties (wat, wie, wanneer klaar)",
    "debrief.follow_up": "Vervolgactie {n}",
    "debrief.owner": "Eigenaar",
    "debrief.due": "Klaar op",
    "debrief.progress": ":clipboard: Evaluatie: {done} van {total} ingevuld; sluit {deadline}.",
    "debrief.waiting": "Wacht nog op:",
    "debrief.report_posted": ":page_facing_up: Het evaluatierapport van *{title}* is klaar: Markdown en HTML "
                             "hierboven.",
    "debrief.report_refused": ":x: Het evaluatierapport van *{title}* kon niet worden geüpload ({reason}); ik ben "
                              "gestopt met proberen. Het is wel bewaard: `crisisbot report` exporteert het.",
    "modal.debrief.title": "Evaluatie",
    "modal.debrief.submit": "Antwoorden opslaan",
    "notice.debrief_saved": "Dank je, je antwoorden zijn opgeslagen. Je kunt ze aanpassen tot {deadline}.",
    "notice.started_set": "Het begin van de impact staat nu op {at}; de cijfers rekenen daarmee.",
    "followup.none": "Geen openstaande vervolgacties.",
    "followup.header": "*Openstaande vervolgacties* ({n})",
    "followup.item": "{text} · {owner} · uiterlijk {due} · uit _{title}_",
    "followup.done": "Klaar",
    "notice.follow_up_done": "Afgevinkt: {text}",
    # hulp
    "help.text": "*Commando's van crisisbot*\n"
                 "`/crisis open [titel]` crisis openen: kanaal, kaart, oproepen\n"
                 "`/crisis drill [type] [replay=<opname>]` een oefencrisis starten (OEFENING): er gaat niets naar "
                 "buiten\n"
                 "`/crisis status` de crisiskaart tonen (alleen aan jou)\n"
                 "`/crisis note <tekst>` notitie op de tijdlijn zetten\n"
                 "`/crisis severity <SEV1..SEV4>` het ernstniveau wijzigen\n"
                 "`/crisis assign <rol> @persoon` iemand een rol geven en oproepen\n"
                 "`/crisis timeline` de tijdlijn tonen (alleen aan jou)\n"
                 "`/crisis close` de crisis sluiten (crisisleider of wie hem opende)\n"
                 "`/crisis draft [tekst]` een publieke verklaring ter goedkeuring opstellen\n"
                 "`/crisis brief` de briefing voor alle medewerkers opstellen (wat er is gebeurd, wat je niet "
                 "zegt, waar vragen heen gaan), ter goedkeuring\n"
                 "`/crisis update <tekst>` een statusupdate plaatsen (kanaal, tijdlijn, stakeholders)\n"
                 "`/crisis press` een vraag van een journalist vastleggen\n"
                 "`/crisis started <tijd>` wanneer de impact echt begon (klok van het team), voor de cijfers van "
                 "de evaluatie\n"
                 "`/crisis debrief` de voortgang van de evaluatie (crisisleider)\n"
                 "`/crisis followups` openstaande vervolgacties van alle crises\n"
                 "`/crisis pulse [zoekterm]` de afgelopen 24 uur van een gevolgde zoekterm (grafiek, naar jou)\n"
                 "`/crisis triage [zoekterm]` is dit een crisis? een ernst voorgesteld op basis van de cijfers van de "
                 "monitor\n"
                 "`/crisis accounts` het register van de sociale accounts van het merk (beheerders, "
                 "securityverantwoordelijke)\n"
                 "`/crisis takedown <link>` een bericht van een eigen account van het merk verwijderen, na "
                 "goedkeuring zoals bij een verklaring\n"
                 "`/crisis reply <link>` op een bericht reageren met een van de goedgekeurde teksten van het plan\n"
                 "`/crisis donotengage [undo] <account>` nooit een reactie aanbieden aan een account (trol, kwade "
                 "trouw)\n"
                 "`/crisis schedule <doel> <JJJJ-MM-DD UU:MM> <tekst>` een merkbericht inplannen (tijd van het "
                 "team); het wacht zolang er een crisis open is\n"
                 "`/crisis help` deze lijst",
    "help.short": "Typ `/crisis help` voor de lijst met commando's.",
    # foutwoorden van het chatplatform, uitgelegd
    "chat_reason.user_is_deactivated": "het account is gedeactiveerd",
    "chat_reason.user_not_found": "deze persoon bestaat niet in deze werkruimte",
    "chat_reason.cant_invite": "de chat staat niet toe deze persoon uit te nodigen",
    "chat_reason.ratelimited": "de chat remt ons af (rate limit)",
    "chat_reason.channel_not_found": "het kanaal bestaat niet of ik zit er niet in",
    "chat_reason.cannot_dm_bot": "dat is een bot",
    "chat_reason.other": "de chat antwoordde '{reason}'",
    "chat_reason.timeout": "de chat antwoordde niet op tijd",
    "chat_reason.connection_error": "de verbinding met de chat mislukte",
    # waarom een publicatie niet lukte, in onze woorden (de eigen woorden van een platform blijven zoals ze kwamen)
    "reason.unknown": "onbekend",
    "publish_reason.too_long": "de tekst heeft {length} tekens; {platform} neemt er hoogstens {limit}",
    "publish_reason.longer_than_a_post": "de tekst is langer dan één bericht op {platform} (hoogstens {limit} tekens)",
    "publish_reason.not_a_post_url": "geen URL van een bericht op {platform}: {url}",
    "publish_reason.post_to_correct_gone": "{platform}: het bericht dat gecorrigeerd moet worden bestaat niet meer",
    "publish_reason.answered": "{platform} antwoordde {status}",
    "publish_reason.answered_with": "{platform} antwoordde {status}: {detail}",
    "publish_reason.check_token": "{reason} (controleer het token en de rechten ervan)",
    "publish_reason.unreachable": "{platform} is niet bereikbaar ({reason})",
    "publish_reason.post_gone": "het bericht is al weg",
    "publish_reason.post_not_ours": "het is een bericht van een ander account",
    "publish_reason.post_cannot": "dit platform of het token ervan kan het niet verwijderen",
    "publish_reason.with_detail": "{reason} ({detail})",
    "publish_reason.cannot_amend": "dit platform kan een bericht niet corrigeren of intrekken",
    "publish_reason.queued_post_gone": "het bericht in de wachtrij is weg",
    "publish_reason.queued_post_publishing": "het wordt nu gepubliceerd; gepauzeerd als dat mislukt",
    "publish_reason.closed_before_removal": "de crisis sloot voordat het verwijderd kon worden, dus het blijft ingepland",
    "publish_reason.queued_post_went_out": "het ging uit voor de pauze",
    "publish_reason.thread_out_of_reach": "{platform}: de draad van het bericht staat niet bij de laatste {count} berichten van het account; verwijder hem daar met de hand",
    "publish_reason.no_id": "{platform} antwoordde zonder het id van het bericht",
    # verklaringen
    "error.statement_text_required": "Een verklaring heeft tekst nodig: schrijf hem, of kies een sjabloon voor een "
                                     "eerste verklaring.",
    "error.statement_too_long": "De tekst heeft {count} tekens; een verklaring mag er hoogstens {max} hebben.",
    "error.statement_unknown_target": "'{target}' is geen publicatiekanaal uit dit plan. Kies uit {choices}.",
    "error.statement_unknown_template": "'{template}' is geen sjabloon voor een eerste verklaring uit dit plan. "
                                        "Sjablonen: {choices}.",
    "error.statement_deadline_past": "De goedkeuringsdeadline {deadline} ligt niet in de toekomst; kies een later "
                                     "tijdstip (of geen).",
    "error.statement_old_version": "Je besliste over versie {version}, maar de verklaring staat nu op versie "
                                   "{current}. Lees de huidige versie op de kaart en beslis daarover.",
    "error.statement_closed": "Deze verklaring is {state}: goedkeuren, bewerken of afwijzen kan niet meer. "
                              "Stel zo nodig een nieuwe op.",
    "error.statement_over_limit": "De tekst heeft {count} tekens, {over} meer dan {target} toestaat ({limit}). "
                                  "Na inkorten (Bewerken) kan hij worden goedgekeurd.",
    "error.statement_own": "Je schreef deze tekst zelf, dus jouw goedkeuring telt niet (vier ogen). Nodig: {rule}, "
                           "door iemand anders.",
    "error.statement_not_approver": "Alleen wie {roles} is, kan deze verklaring goedkeuren (het plan vraagt "
                                    "{rule}); jij hebt nu geen van deze rollen.",
    "error.statement_not_reviewer": "Alleen {rule} of de {lead} kan om wijzigingen vragen of een verklaring "
                                    "afwijzen.",
    "error.statement_changes_note": "Zeg wat er moet veranderen: de schrijver moet weten wat er aangepast moet worden.",
    "error.statement_reject_note": "Zeg waarom de verklaring wordt afgewezen: dat komt op de tijdlijn.",
    "error.statement_not_editor": "Alleen de schrijver ({author}) of de {role} ({holder}) kan deze verklaring "
                                  "bewerken.",
    "error.statement_publishing": "De verklaring wordt op dit moment gepubliceerd; kijk zo nog eens naar de kaart.",
    "error.statement_partly_out": "Verklaring #{statement} is al uit ({ref}), dus intrekken of wijzigen kan niet "
                                  "meer: publiceer hem opnieuw en corrigeer of trek hem daarna in.",
    "error.inquiry_outlet_required": "Zeg welk medium het vraagt (bijvoorbeeld de krant of de zender).",
    "error.inquiry_question_required": "Schrijf de vraag van de journalist op.",
    "error.inquiry_too_long": "Dit veld heeft {count} tekens; er passen er hoogstens {max} in.",
    "error.inquiry_deadline_past": "De deadline van de journalist, {deadline}, ligt niet in de toekomst; kijk de "
                                   "tijd na.",
    "error.inquiry_other_crisis": "Die verklaring hoort bij een andere crisis; antwoord met een verklaring van deze "
                                  "crisis.",
    "error.inquiry_statement_not_approved": "Die verklaring is {state}; beantwoord de pers alleen met een "
                                            "goedgekeurde of gepubliceerde verklaring.",
    "error.inquiry_answered": "Deze vraag is al {at} beantwoord met een andere verklaring.",
    "notice.statement_already_approved": "Je had versie {version} al goedgekeurd; er is niets veranderd.",
    "statement.state.pending": "wacht op goedkeuring",
    "statement.state.changes_requested": "wijzigingen gevraagd",
    "statement.state.approved": "goedgekeurd",
    "statement.state.published": "gepubliceerd",
    "statement.state.rejected": "afgewezen",
    "statement.rule_all": "{roles} (allemaal)",
    "statement.rule_any": "{n} van {roles}",
    "statement.missing_all": "Nog nodig: goedkeuring door {roles}",
    "statement.missing_any": "Nog nodig: {n} goedkeuring(en) meer van {roles}",
    "statement.missing_changes": "{user} vroeg om wijzigingen: {note}",
    "statement.missing_none": "Er ontbreekt niets",
    "statement.deadline_reminder": ":hourglass_flowing_sand: De verklaring voor {target} (versie {version}) "
                                   "wacht op jouw beslissing vóór {deadline} (nog {left}).",
    "statement.deadline_passed": ":warning: De goedkeuringsdeadline {deadline} van de verklaring voor {target} "
                                 "(versie {version}) is verstreken. {missing}",
    # evaluatierapport
    "report.title": "Crisisrapport: {title}",
    "report.subtitle": "{organisation} · {severity} · {kind}",
    "report.footer": "Alle tijden in {zone}. Rapport opgesteld door crisisbot uit de tijdlijn van de crisis.",
    "report.file.md": "{title}: rapport (Markdown)",
    "report.file.html": "{title}: rapport (HTML)",
    "report.file.png": "{title}: vermeldingen",
    "report.section.summary": "Samenvatting",
    "report.section.metrics": "Reactiecijfers",
    "report.section.chart": "Vermeldingen en aandeel negatief",
    "report.section.timeline": "Tijdlijn",
    "report.section.statements": "Verklaringen en hun goedkeuring",
    "report.section.paused_posts": "Gepauzeerde merkberichten",
    "report.section.answers": "Antwoorden uit de evaluatie",
    "report.section.follow_ups": "Vervolgacties",
    "report.section.non_respondents": "Vulden de evaluatie niet in",
    "report.field.severity": "Ernst",
    "report.field.kind": "Type",
    "report.field.status": "Status",
    "report.field.opened": "Geopend",
    "report.field.opened_by": "Geopend door",
    "report.field.impact_started": "Impact begonnen",
    "report.field.closed": "Gesloten",
    "report.field.closed_by": "Gesloten door",
    "report.field.duration": "Duur",
    "report.field.channel": "Kanaal",
    "report.field.term": "Gevolgde zoekterm",
    "report.field.link": "Link",
    "report.field.description": "Wat er gebeurde",
    "report.field.resolution": "Afhandeling",
    "report.field.participants": "Deelnemers aan de evaluatie",
    "report.value.still_open": "nog open",
    "report.value.none": "—",
    "report.value.not_acknowledged": "niet bevestigd",
    "report.value.slowest": "{after} ({role})",
    "report.value.updates": "{made} gedaan, {asked} gevraagd",
    "report.value.updates_made": "{made} gedaan",
    "report.value.respondents": "{answered} van {total} ingevuld",
    "report.table.metric": "Cijfer",
    "report.table.value": "Waarde",
    "report.table.definition": "Definitie",
    "report.table.time": "Tijd ({zone})",
    "report.table.event": "Wat er gebeurde",
    "report.table.version": "Versie",
    "report.table.decision": "Besluit",
    "report.table.role": "Rol",
    "report.table.who": "Wie",
    "report.table.note": "Toelichting",
    "report.table.channel": "Kanaal",
    "report.table.planned": "Gepland voor",
    "report.table.post": "Bericht",
    "report.table.outcome": "Uitkomst",
    "report.table.action": "Actie",
    "report.table.owner": "Eigenaar",
    "report.table.due": "Uiterlijk",
    "report.table.done": "Klaar",
    "report.metric.time_to_detect": "Tijd tot detectie",
    "report.hint.time_to_detect": "Eerste piekwaarschuwing over de crisis → crisis geopend.",
    "report.metric.impact_to_warning": "Impact tot eerste waarschuwing",
    "report.hint.impact_to_warning": "Begin van de impact → eerste piekwaarschuwing over de crisis.",
    "report.metric.time_to_open": "Impact tot openen",
    "report.hint.time_to_open": "Begin van de impact → crisis geopend.",
    "report.metric.ack_median": "Tijd tot bevestiging (mediaan)",
    "report.hint.ack_median": "Crisis geopend → eerste bevestiging per rol; de mediaan over de rollen die "
                              "reageerden.",
    "report.metric.ack_slowest": "Tijd tot bevestiging (traagste)",
    "report.hint.ack_slowest": "De traagste rol die reageerde; rollen die niemand bevestigde, staan apart.",
    "report.metric.ack_role": "Bevestigd: {role}",
    "report.hint.ack_role": "Crisis geopend → eerste bevestiging van deze rol (vaste houder, vervanger of "
                            "crisisleider).",
    "report.metric.holding_statement": "Tijd tot eerste verklaring",
    "report.hint.holding_statement": "Begin van de impact → eerste publieke verklaring opgesteld uit een sjabloon "
                                     "(zonder sjabloon: het concept van de eerste gepubliceerde publieke verklaring; "
                                     "briefings voor medewerkers zijn intern en tellen niet mee).",
    "report.metric.first_approved": "Tijd tot eerste goedgekeurde verklaring",
    "report.hint.first_approved": "Begin van de impact → eerste moment waarop de goedkeuringsregel van een publieke "
                                  "verklaring gehaald was (latere goedkeuringen verschuiven het niet).",
    "report.metric.first_published": "Tijd tot eerste gepubliceerde verklaring",
    "report.hint.first_published": "Begin van de impact → eerste publieke verklaring gepubliceerd.",
    "report.metric.staff_briefing": "Tijd tot briefing medewerkers",
    "report.hint.staff_briefing": "Begin van de impact → eerste briefing voor medewerkers gepubliceerd (intern: geen "
                                  "publieke verklaring).",
    "report.metric.time_to_resolve": "Tijd tot afhandeling",
    "report.hint.time_to_resolve": "Begin van de impact → crisis gesloten.",
    "report.metric.pages_sent": "Oproepen verstuurd",
    "report.hint.pages_sent": "Afgeleverde oproepen, escalaties meegeteld.",
    "report.metric.escalations": "Escalaties",
    "report.hint.escalations": "Oproepen doorgezet naar een vervanger of de crisisleider omdat niemand op tijd "
                               "bevestigde.",
    "report.metric.updates": "Updates",
    "report.hint.updates": "Geplaatste updates plus gepubliceerde publieke verklaringen, tegenover het aantal "
                           "updates dat het ritme van het ernstniveau vroeg zolang de crisis open was.",
    "report.metric.unanswered_roles": "Nooit bevestigde rollen",
    "report.hint.unanswered_roles": "Opgeroepen rollen die niemand bevestigde voordat de crisis sloot.",
    "report.statement.head": "Verklaring #{statement} voor {target}",
    "report.statement.state": "Status: {state}",
    "report.statement.drafted": "Opgesteld door {user} op {at}",
    "report.statement.template": "Uit het sjabloon {template}",
    "report.statement.versions": "Versies",
    "report.statement.version": "v{version} door {user}, {at}",
    "report.statement.text": "Tekst (versie {version})",
    "report.statement.trail": "Goedkeuringsspoor",
    "report.statement.no_decisions": "Geen besluiten vastgelegd.",
    "report.statement.published": "Gepubliceerd {at}: {ref}",
    "report.statement.publish_error": "Niet gepubliceerd: {error}",
    "report.decision.approve": "goedgekeurd",
    "report.decision.request_changes": "wijzigingen gevraagd",
    "report.decision.reject": "afgewezen",
    "report.paused.still": "nog gepauzeerd",
    "report.paused.resumed": "hervat voor {at}",
    "report.answers.mean": "Gemiddeld {mean} van 5 (antwoorden: {n})",
    "report.answers.none": "Geen antwoorden.",
    "report.answers.by": "{user}",
    "report.follow_up.no_owner": "geen eigenaar",
    "report.follow_up.no_due": "geen datum",
    "report.follow_up.done": "klaar {at}",
    "report.follow_up.open": "open",
    "report.non_respondent.unreachable": "{user} (de evaluatievragen konden deze persoon niet bereiken: {reason})",
    "report.chart.title": "{subject}: vermeldingen en aandeel negatief",
    "report.chart.alt": "Grafiek van het aantal vermeldingen en het aandeel negatief tijdens de crisis, met de "
                        "acties van het team erin gemarkeerd",
    "report.action.impact": "impact begon",
    "report.action.opened": "geopend",
    "report.action.first_ack": "eerste bevestiging",
    "report.action.published": "verklaring #{statement}",
    "report.action.closed": "gesloten",
    # --- wat een piek drijft (waarschuwing, pulse, rapport) ---
    "drivers.title": ":mag: *Wat erachter zit*: {mentions} vermeldingen sinds {since}, tegenover {baseline} in de "
                     "7 dagen ervoor",
    "drivers.title_no_baseline": ":mag: *Wat erachter zit*: {mentions} vermeldingen sinds {since} (geen in de "
                                 "7 dagen ervoor om mee te vergelijken)",
    "drivers.nothing_rose": "Geen term, hashtag of link steeg ten opzichte van de 7 dagen ervoor.",
    "drivers.terms": "*Stijgende termen* (vermeldingen nu; de 7 dagen ervoor; stijging)",
    "drivers.hashtags": "*Stijgende hashtags*",
    "drivers.links": "*Stijgende links* (als tekst getoond, niet gevolgd)",
    "drivers.rise": "• {item}: {count} ({share}); eerder {before} ({before_share}); ×{lift}",
    "drivers.rise_no_baseline": "• {item}: {count} ({share})",
    "drivers.as_term": "*{text}*",
    "drivers.as_hashtag": "*#{text}*",
    "drivers.as_link": "`{text}`",
    "drivers.platforms": "*Per platform* (vermeldingen; aandeel; negatief; aandeel de 7 dagen ervoor)",
    "drivers.sources": "*Per bron*",
    "drivers.slice": "• {name}: {count} ({share}); {negative} negatief; eerder {usual}",
    "drivers.slice_no_baseline": "• {name}: {count} ({share}); {negative} negatief",
    "drivers.shared": "*Meest gedeelde berichten*",
    "drivers.shared_post": "• {copies} kopieën door {authors} auteurs. *{author}*: {text}",
    "drivers.unnamed": "(geen)",
    "report.section.drivers": "Wat erachter zat",
    "report.drivers.window": "{mentions} vermeldingen van {term} van {start} tot {end}, tegenover {baseline} "
                             "in de 7 dagen ervoor.",
    "report.drivers.rising": "Termen, hashtags en links waarvan het aandeel het sterkst steeg",
    "report.drivers.nothing_rose": "Geen term, hashtag of link steeg ten opzichte van de 7 dagen ervoor.",
    "report.drivers.split": "Per platform en bron",
    "report.drivers.shared": "Meest gedeelde berichten",
    "report.drivers.copies": "{copies} kopieën door {authors} auteurs; eerst door {author}",
    "report.drivers.kind.term": "term",
    "report.drivers.kind.hashtag": "hashtag",
    "report.drivers.kind.link": "link",
    "report.drivers.kind.platform": "platform",
    "report.drivers.kind.source": "bron",
    "report.table.kind": "Soort",
    "report.table.item": "Item",
    "report.table.mentions": "Vermeldingen",
    "report.table.share": "Aandeel",
    "report.table.before": "Aandeel de 7 dagen ervoor",
    "report.table.rise": "Stijging",
    "report.table.negative": "Negatief",
    # preventie: het accountregister, uitdiensttreding, toegangscontroles
    "error.account_platform": "Kies het platform van het account: een van {choices}.",
    "error.account_handle": "Schrijf de accountnaam zonder spaties, bijvoorbeeld @acme.",
    "error.account_owner": "Kies de eigenaar van het account.",
    "error.account_credential": "Schrijf waar de inloggegevens staan: de naam van het item in de wachtwoordmanager "
                                "(hoogstens {limit} tekens), bijvoorbeeld 1Password / Social / X @acme.",
    "error.account_secret": "Dat lijkt op een wachtwoord of token. Plak hier nooit inloggegevens: schrijf alleen "
                            "de naam van het item in de wachtwoordmanager, bijvoorbeeld 1Password / Social / X.",
    "error.prevention_not_allowed": "Alleen een planbeheerder of de securityverantwoordelijke kan het "
                                    "accountregister wijzigen.",
    "error.revoke_not_allowed": "Alleen de securityverantwoordelijke, een planbeheerder of de eigenaar van het "
                                "account ({owner}) kan deze toegang als ingetrokken markeren.",
    "error.review_not_allowed": "Alleen de eigenaar van het account ({owner}), de securityverantwoordelijke of een "
                                "planbeheerder kan deze toegangscontrole beantwoorden.",
    "error.unknown_offboarding": "Die melding over een vertrokken medewerker bestaat niet meer.",
    "error.unknown_review": "Die toegangscontrole bestaat niet meer.",
    "notice.account_saved": "{account} opgeslagen in het accountregister.",
    "notice.access_revoked": "Vastgelegd: toegang tot {account} ingetrokken.",
    "notice.review_recorded": "Vastgelegd: {person} {decision} toegang tot {account}.",
    "review.decision.keep": "behoudt",
    "review.decision.remove": "verliest",
    "offboarding.title": "Toegang intrekken",
    "offboarding.summary": "{user} is vertrokken: toegang tot merkaccounts in te trekken: {count}",
    "offboarding.intro": "{user} is gedeactiveerd ({at}) en had toegang tot deze merkaccounts. Trek elke toegang in "
                         "(wachtwoord wijzigen, persoon uit het account verwijderen) en druk op Ingetrokken.",
    "offboarding.to_revoke": ":warning: *{account}*: nog niet ingetrokken",
    "offboarding.revoked": ":white_check_mark: *{account}*: ingetrokken door {user} om {at}",
    "offboarding.revoke_button": "Ingetrokken",
    "offboarding.all_revoked": "Alle toegang is ingetrokken.",
    "review.title": "Toegangscontrole: {account}",
    "review.summary": "Toegangscontrole van {account}: graag antwoorden vóór {due}",
    "review.intro": "Jij bent eigenaar van {account}. Mensen met toegang: {count}. Kies per persoon behouden of "
                    "intrekken, vóór {due}.",
    "review.holder": "{person}",
    "review.kept": ":white_check_mark: {person} behoudt toegang ({user}, {at})",
    "review.removed": ":no_entry: {person} verliest toegang ({user}, {at}): verwijder deze persoon uit het account",
    "review.keep_button": "Behouden",
    "review.remove_button": "Intrekken",
    "review.completed_note": "Controle afgerond ({at}).",
    "review.nobody": "Verder heeft niemand toegang.",
    "prevention.notice.no_2fa": ":lock: *{account}* heeft geen tweestapsverificatie. De eigenaar, {owner}, moet die "
                                "aanzetten.",
    "prevention.notice.owner_left": ":bust_in_silhouette: De eigenaar van *{account}*, {owner}, is vertrokken. Geef "
                                    "het account een nieuwe eigenaar en wijzig de inloggegevens.",
    "prevention.notice.no_role": ":grey_question: {person} heeft toegang tot *{account}* maar geen rol meer in het "
                                 "crisisplan. Trek de toegang in, of geef deze persoon een rol.",
    "prevention.notice.unknown_person": ":grey_question: {person}, genoemd bij *{account}*, staat niet in deze "
                                        "werkruimte. Verbeter het crisisplan of het accountregister.",
    "prevention.notice.unrevoked": ":alarm_clock: Herinnering: {user} is {days} dag(en) geleden vertrokken en heeft "
                                   "nog toegang tot {accounts}. Trek die in en druk op Ingetrokken bij de melding.",
    "prevention.notice.review_overdue": ":alarm_clock: De toegangscontrole van *{account}* door {owner} moest vóór "
                                        "{due} af zijn; over {undecided} van de {total} toegangshouders is nog niet "
                                        "beslist.",
    "prevention.notice.review_done": "De toegangscontrole van *{account}* door {owner} is afgerond. In te trekken: "
                                     "{removed}.",
    "prevention.modal.title": "Merkaccount",
    "prevention.modal.submit": "Opslaan",
    "prevention.modal.close": "Annuleren",
    "prevention.modal.register": "*Accountregister*",
    "prevention.modal.register_line": "• {account}: eigenaar {owner}, 2FA {two_factor}, toegang: {count}",
    "prevention.modal.register_empty": "Nog geen accounts.",
    "prevention.modal.intro": "Voeg een account toe, of wijzig er een door platform en accountnaam opnieuw in te "
                              "vullen.",
    "prevention.modal.platform": "Platform",
    "prevention.modal.handle": "Accountnaam",
    "prevention.modal.owner": "Eigenaar",
    "prevention.modal.two_factor": "Tweestapsverificatie",
    "prevention.modal.two_factor_on": "Aan",
    "prevention.modal.credential": "Waar de inloggegevens staan",
    "prevention.modal.credential_hint": "De naam van het item in de wachtwoordmanager. Nooit het wachtwoord zelf.",
    "prevention.modal.access": "Wie heeft toegang",
    "word.yes": "aan",
    "word.no": "uit",
    "word.none": "geen",
    "prevention.one": "{person}",
    "prevention.list": "{first}, {rest}",
    # crisisbot demo: het verhaal naast wat iedereen zag
    "demo.bad_file": "crisisbot demo: {path} is geen leesbaar .csv- of .jsonl-bestand met vermeldingen",
    "demo.bad_language": "crisisbot demo: '{language}' is geen taal van de demo; kies uit {languages}",
    "demo.intro": "crisisbot demo: {file} afgespeeld in de vermeldingenmonitor, tegen de lokale Slack-sandbox "
                  "(geen netwerk, tijdelijke SQLite)",
    "demo.quiet": "{n} vermeldingen van de rustige dagen uur voor uur afgespeeld: geen waarschuwing (normaal ritme)",
    "demo.no_warning": "{n} vermeldingen afgespeeld; de detector gaf in dit bestand geen waarschuwing",
    "demo.warning": "{at}: piekwaarschuwing in #brand-alerts, met grafiek",
    "demo.opened": "Dana drukte op [{button}]: #{channel}, kaart vastgezet, 4 rollen opgeroepen; elk ingepland "
                   "merkbericht werd bewaard en daarna gepauzeerd:",
    "demo.acknowledged": "Dana (crisisleider), Maria (juridisch) en Jo (social media) bevestigden; Lea "
                         "(communicatie) niet",
    "demo.escalated": "{after} na de oproepen ging de timer af: {n} oproep geëscaleerd naar de vervanger van "
                      "communicatie",
    "demo.backup_acknowledged": "Sam (vervanger communicatie) bevestigde en heeft nu de rol van communicatieleider",
    "demo.numbers": "De monitor zette de cijfers in het crisiskanaal; Dana voegde een notitie toe",
    "demo.drafted": "Sam stelde de eerste verklaring op uit het sjabloon van het plan; zijn eigen goedkeuring werd "
                    "geweigerd (vier ogen)",
    "demo.approved": "Maria (juridisch) en Dana (crisisleider) keurden goed: de verklaring voor {target} is op elk "
                     "van de accounts één keer gepubliceerd: {refs}",
    "demo.update": "Sam plaatste een update (crisiskanaal, tijdlijn en #stakeholders)",
    "demo.closed": "Dana sloot de crisis",
    "demo.paused": "Dana hervatte het eerste Mastodon-bericht en het bericht uit de wachtrij, en schrapte het "
                   "bericht van de reclame: weer {n} bericht(en) ingepland op de Mastodon-nabootsing",
    "demo.answered": "Maria, Jo en Sam vulden de evaluatie in (de anderen niet)",
    "demo.report": "48 uur later sloot de evaluatie en werd het rapport in het crisiskanaal geüpload",
    "demo.report_written": "Rapport opgeslagen in:",
    "demo.transcript": "=== Wat iedereen in Slack zag ===",
    "demo.timeline": "=== Tijdlijn van crisis #{id} ({n} items) ===",
    "demo.platforms": "Lokale nabootsingen op loopback, gestart door de demo: Mastodon {mastodon} (berichten, "
                      "ingeplande berichten) en Bluesky {bluesky} (XRPC); hun tokens bestaan alleen in dit proces",
    "demo.scheduled": "Voor de crisis staat de reclame live op het Mastodon-account van het merk ({ad}); Jo heeft "
                      "{n} berichten ingepland op Mastodon en 1 in de wachtrij van crisisbot gezet (`/crisis schedule "
                      "mastodon …`)",
    "demo.paused_post": "gepauzeerd ({source}): “{text}”",
    "demo.mastodon_scheduled": "ingeplande berichten over op de Mastodon-nabootsing: {n}",
    "demo.taken_down": "Jo vroeg met `/crisis takedown` om het bericht van de reclame offline te halen; haar eigen "
                       "goedkeuring telt niet, Maria en Dana keurden het goed: {state} op {account}",
    "demo.archived": "bewaarde kopie (database en rapport): {author}: “{text}” ({reposts} reposts)",
    "demo.reply_asked": "Dana drukte op [{button}] onder het voorbeeld van {author} in de waarschuwing en koos de "
                        "zin uit het plan; de crisis is SEV2, dus de reactie wacht op goedkeuring",
    "demo.reply_sent": "Maria en Sam keurden goed: de reactie staat op Mastodon ({url}), als antwoord op {to}",
    "demo.reply_typed": "De voorbeelden in de waarschuwing hebben geen link waarop crisisbot kan reageren: Jo typte "
                        "`/crisis reply` voor het bericht van {author} op Mastodon en koos de zin uit het plan; de "
                        "crisis is SEV2, dus de reactie wacht op goedkeuring",
    "demo.queue_published": "Toen het bericht uit de wachtrij aan de beurt was, publiceerde de tick het via de "
                            "publishers van zijn doel: {refs}",
    "triage.title": "Is dit een crisis?",
    "triage.figures": "*{term}*, afgelopen uur: {mentions} vermeldingen, {volume}× het normale volume, {negative} "
                      "negatief, {reach} verschillende auteurs.",
    "triage.suggested": "Voorgestelde ernst: *{severity}*, omdat volgens de criteria van het plan:",
    "triage.no_crisis": "Volgens de criteria van het plan lijkt *{term}* nu geen crisis. Blijf het volgen.",
    "triage.reason.volume": "• het volume {value}× normaal is (minstens {limit}×)",
    "triage.reason.negative": "• {value} negatief is (minstens {limit})",
    "triage.reason.reach": "• {value} verschillende auteurs (minstens {limit})",
    "triage.decide": "Een voorstel op basis van de cijfers van de monitor: jij beslist.",
    # numbers and languages in the monitor's views (issue #14 points 1 and 6)
    "number.decimal": ",",
    "number.group": ".",
    "number.percent": "{n}%",
    "number.percent_under": "<{n}%",
    "languages.title": "*Per taal* sinds {since} (vermeldingen; aandeel; negatief)",
    "languages.slice": "• {language}: {count} ({share}); {negative} negatief",
    "languages.unscored": "• {language}: {count} ({share}); geen sentiment (deze taal wordt niet beoordeeld)",
    "languages.other": "• {n} andere talen: {count} ({share})",
    "languages.unknown": "taal onbekend",
    "report.drivers.languages": "Per taal (elke taal geteld; sentiment waar die taal beoordeeld wordt)",
    "report.drivers.not_scored": "niet beoordeeld",
    "report.table.language": "Taal",
    "report.chart.languages": "Vermeldingen per taal: {split}",
    # playbooks
    "demo.playbook": "Jo (sociale media) haalde de reclame offline en vinkte de eerste {n} stappen van de "
                     "draaiboekchecklist in het crisiskanaal af",
    "demo.playbook_ticked": "Jo (sociale media) vinkte de eerste {n} stappen van de draaiboekchecklist in het "
                            "crisiskanaal af",
    "kind.employee_misconduct": "Wangedrag van een medewerker",
    "kind.data_leak": "Datalek",
    "playbook.title": "Draaiboek: {kind}",
    "playbook.summary": "Draaiboek: {kind}, {done} van {total} stappen gedaan",
    "playbook.step": "*{number}.* {text}",
    "playbook.own_step": "{text}",
    "playbook.done_by": ":white_check_mark: gedaan door {user}, {at}",
    "playbook.progress": "{done} van {total} stappen gedaan.",
    "playbook.all_done": "Alle stappen zijn gedaan.",
    "playbook.how": "Vink een stap af zodra die gedaan is; blijkt dat toch niet zo, haal het vinkje dan weg. Wie "
                    "het deed en wanneer komt op de tijdlijn.",
    "playbook.tick": "Gedaan",
    "playbook.mark_done": "Afvinken",
    "playbook.undo": "Nog niet gedaan",
    "error.playbook_not_on_crisis": "Alleen wie bij deze crisis betrokken is, vinkt stappen in het draaiboek af: "
                                    "word eerst lid van het crisiskanaal en vink de stap dan opnieuw af.",
    "error.unknown_checklist": "Die checklist bestaat niet meer.",
    "error.unknown_step": "Die stap staat niet op deze checklist. Vink de stap af in het bericht met de checklist "
                          "zelf.",
    "error.step_already_done": "Stap {step} was al afgevinkt door {user} ({at}). Er is niets veranderd; haal het "
                               "vinkje eerst weg als de stap opnieuw moet.",
    "error.step_not_done": "Stap {step} is niet afgevinkt (iemand heeft het vinkje intussen weggehaald). Er is "
                           "niets veranderd.",
    "timeline.playbook_step_done": "{actor} vinkte stap {step} van het draaiboek af: {text}",
    "timeline.playbook_step_undone": "{actor} haalde het vinkje bij stap {step} van het draaiboek weg: {text}",
    "playbook.step.offensive_post.1": "Haal het aanstootgevende bericht offline (bewaar eerst een screenshot en "
                                      "de link).",
    "playbook.step.offensive_post.2": "Zet alle ingeplande merkberichten stil, op elk kanaal.",
    "playbook.step.offensive_post.3": "Reageer snel: laat publiek weten dat we het gezien en verwijderd hebben.",
    "playbook.step.offensive_post.4": "Zoek uit hoe het naar buiten kwam: wie schreef het, wie keurde het goed, "
                                      "met welke tool.",
    "playbook.step.offensive_post.5": "Bied excuses aan en neem verantwoordelijkheid, zonder \"als iemand zich "
                                      "gekwetst voelt\".",
    "playbook.step.offensive_post.6": "Ga niet in discussie met vijandige accounts en verwijder geen kritische "
                                      "reacties.",
    "playbook.step.offensive_post.7": "Geef geregeld een update, in het ritme van de ernst, tot het rustig wordt.",
    "playbook.step.complaint_wave.1": "Reageer snel: we horen jullie en zoeken het uit.",
    "playbook.step.complaint_wave.2": "Zet ingeplande promotieberichten stil.",
    "playbook.step.complaint_wave.3": "Zoek de oorzaak met de betrokken teams; niet publiek speculeren.",
    "playbook.step.complaint_wave.4": "Geef de klantenservice een goedgekeurd antwoord en een manier om losse "
                                      "gevallen op te schalen.",
    "playbook.step.complaint_wave.5": "Beantwoord mensen met de goedgekeurde tekst; ga niet in discussie met "
                                      "vijandige accounts.",
    "playbook.step.complaint_wave.6": "Neem verantwoordelijkheid voor wat misging en zeg wat we gaan oplossen.",
    "playbook.step.complaint_wave.7": "Geef geregeld een update tot de oorzaak is opgelost.",
    "playbook.step.outage.1": "Bevestig met de techniek dat er een storing is en wat die raakt.",
    "playbook.step.outage.2": "Meld het snel op de statuspagina en sociale kanalen: wat werkt niet en wanneer "
                              "komt de volgende update.",
    "playbook.step.outage.3": "Zet ingeplande marketingberichten stil.",
    "playbook.step.outage.4": "Geef de klantenservice een voorlopig antwoord en de link naar de statuspagina.",
    "playbook.step.outage.5": "Geef geregeld een update in het ritme van de ernst, ook als er geen nieuws is.",
    "playbook.step.outage.6": "Als het is opgelost: meld dat, bied excuses aan en zeg wat we doen om herhaling "
                              "te voorkomen.",
    "playbook.step.account_leak.1": "Beveilig het getroffen account: wijzig het wachtwoord en log alle sessies "
                                    "uit.",
    "playbook.step.account_leak.2": "Zet tweestapsverificatie aan (of stel die opnieuw in) en controleer het "
                                    "herstel-e-mailadres en telefoonnummer.",
    "playbook.step.account_leak.3": "Verwijder onbekende apps, koppelingen en mensen met toegang tot het account.",
    "playbook.step.account_leak.4": "Zet ingeplande berichten op het account stil tot het weer veilig is.",
    "playbook.step.account_leak.5": "Haal weg wat de indringer plaatste of verstuurde (bewaar eerst kopieën).",
    "playbook.step.account_leak.6": "Laat volgers weten dat het account was overgenomen en wat ze niet moeten "
                                    "vertrouwen (links, privéberichten, winacties); bied excuses aan.",
    "playbook.step.account_leak.7": "Meld het bij het platform, en bij juridische zaken als er persoonsgegevens "
                                    "kunnen zijn uitgelekt.",
    "playbook.step.employee_misconduct.1": "Haal de feiten op bij HR en juridische zaken voor je iets over de "
                                           "persoon zegt.",
    "playbook.step.employee_misconduct.2": "Zet ingeplande merkberichten stil.",
    "playbook.step.employee_misconduct.3": "Reageer snel: we weten ervan en nemen het serieus.",
    "playbook.step.employee_misconduct.4": "Bescherm de privacy: geen namen en geen details over de procedure in "
                                           "het openbaar.",
    "playbook.step.employee_misconduct.5": "Zeg waar we voor staan en wat we doen; neem verantwoordelijkheid waar "
                                           "we tekortschoten.",
    "playbook.step.employee_misconduct.6": "Ga niet in discussie met vijandige accounts; antwoord alleen met de "
                                           "goedgekeurde verklaring.",
    "playbook.step.employee_misconduct.7": "Licht de medewerkers in voordat ze het ergens anders lezen.",
    "playbook.step.data_leak.1": "Dicht het lek samen met security en bewaar het bewijs.",
    "playbook.step.data_leak.2": "Ga met juridische zaken na of we moeten melden (AVG: binnen 72 uur bij de "
                                 "toezichthouder).",
    "playbook.step.data_leak.3": "Zet ingeplande merkberichten stil.",
    "playbook.step.data_leak.4": "Reageer snel en vertel de getroffen mensen wat er gebeurde en wat ze moeten "
                                 "doen.",
    "playbook.step.data_leak.5": "Zet een hulppagina op en een belscript voor de klantenservice.",
    "playbook.step.data_leak.6": "Neem verantwoordelijkheid; niet bagatelliseren en niemand anders de schuld "
                                 "geven.",
    "playbook.step.data_leak.7": "Geef geregeld een update zolang het onderzoek loopt.",
    "playbook.step.general.1": "Reageer snel: laat publiek weten dat we ervan weten en wanneer de volgende update "
                               "komt.",
    "playbook.step.general.2": "Zet ingeplande merkberichten stil.",
    "playbook.step.general.3": "Spreek in dit kanaal af wat we weten en wat nog niet.",
    "playbook.step.general.4": "Schrijf een eerste verklaring en laat die goedkeuren.",
    "playbook.step.general.5": "Licht de klantenservice en medewerkers in de frontlinie in met de goedgekeurde "
                               "tekst.",
    "playbook.step.general.6": "Ga niet in discussie met vijandige accounts; antwoord één keer, met feiten.",
    "playbook.step.general.7": "Geef geregeld een update in het ritme van de ernst en neem verantwoordelijkheid "
                               "waar we tekortschoten.",
    # App Home
    "home.title": "Crisisoverzicht",
    "home.no_role": "Je hebt geen rol in het crisisplan en er wacht niets op je, dus hier staat wat iedereen mag "
                    "zien: lopende crises, piekwaarschuwingen en het verloop van de reputatie. Zodra je een rol of een "
                    "vervolgactie krijgt, zie je hier ook je oproepen, verklaringen die op jouw akkoord wachten en je "
                    "vervolgacties.",
    "home.crises": "*:rotating_light: Lopende crises*",
    "home.crises.none": "Er loopt geen crisis.",
    "home.crisis": "• *{severity}* {title} in {channel}, {age}; {unacknowledged} oproep(en) nog niet bevestigd",
    "home.crisis.private": "• *{severity}* een besloten crisis, {age}",
    "home.age": "loopt al {age}",
    "home.age.new": "binnen het uur geopend",
    "home.pages": "*:pager: Jouw oproepen*",
    "home.pages.none": "Er wacht geen oproep op je.",
    "home.page": "• {role} bij *{title}* in {channel}, opgeroepen {at}: bevestig het daar",
    "home.approvals": "*:memo: Verklaringen die op jouw akkoord wachten*",
    "home.approvals.none": "Er wacht geen verklaring op je.",
    "home.approval": "• Verklaring #{id} v{version} voor {target}, *{title}* in {channel}",
    "home.with_deadline": "{text} (akkoord vóór {at})",
    "home.follow_ups": "*:white_check_mark: Jouw vervolgacties*",
    "home.follow_ups.none": "Je hebt geen openstaande vervolgacties.",
    "home.follow_up": "• {text} (uit *{title}*)",
    "home.with_due": "{text}, uiterlijk {at}",
    "home.warnings": "*:chart_with_upwards_trend: Laatste piekwaarschuwingen*",
    "home.warnings.none": "Geen piekwaarschuwing in de afgelopen drie dagen.",
    "home.warning.volume": "• {at}: *{term}* op {ratio}× het normale volume ({status})",
    "home.warning.negative": "• {at}: *{term}* {share} negatief ({status})",
    "home.status.new": "nog niet beantwoord",
    "home.status.crisis": "crisis geopend",
    "home.status.false_alarm": "vals alarm",
    "home.status.snoozed": "stilgezet",
    "home.trends": "*:bar_chart: Reputatie, afgelopen 24 uur*",
    "home.trends.none": "Het plan volgt geen zoektermen.",
    "home.trend": "• *{term}* {score}/100 ({band})  {spark}",
    "home.flags": "*:lock: Accounthygiëne*",
    "home.flags.none": "Niets gevonden.",
    "home.reviews": "*:alarm_clock: Te late toegangscontroles*",
    "home.reviews.none": "Geen controle te laat.",
    "home.more": "… en nog {n}",
    "home.updated": "Bijgewerkt {at}. `/crisis help` toont de commando's.",
    # take down the offending post
    "error.takedown_usage": "Typ `/crisis takedown <link naar het bericht>`, bijvoorbeeld `/crisis takedown "
                            "https://social.example/@acme/1234`.",
    "error.takedown_unknown_platform": "Die link wijst niet naar een bericht van een account waarvan crisisbot "
                                       "berichten kan verwijderen (de accounts in het plan: {accounts}). Kopieer de "
                                       "link van het bericht zelf en probeer het opnieuw.",
    "error.takedown_gone": "Dat bericht staat al niet meer op {account} ({detail}): er valt niets te verwijderen en "
                           "er is niets vastgelegd.",
    "error.takedown_not_ours": "Dat bericht is van een ander account, niet van {account} ({detail}): crisisbot "
                               "verwijdert alleen berichten van het merk zelf. Meld andermans bericht bij het platform.",
    "error.takedown_cannot": "{account} kan dat bericht niet verwijderen ({detail}). Haal het met de hand weg op het "
                             "platform.",
    "error.takedown_unreachable": "Het bericht kon niet van {account} worden gelezen: {reason}. Er is niets "
                                  "vastgelegd; probeer het over een minuut opnieuw.",
    "error.takedown_exists": "Voor dat bericht loopt in deze crisis al een verwijderverzoek, en dat is {state}: zie "
                             "de kaart ervan.",
    "error.takedown_closed": "Dit verwijderverzoek is al {state}: er valt niets meer te beslissen.",
    "error.takedown_own": "Jij hebt om deze verwijdering gevraagd, dus jouw goedkeuring telt niet mee: iemand anders "
                          "moet goedkeuren (vier ogen).",
    "error.takedown_not_approver": "Alleen wie {roles} is, keurt in deze crisis een verwijdering goed, net als bij "
                                   "een verklaring.",
    "error.takedown_not_reviewer": "Alleen wie {roles} of {lead} is, kan een verwijdering afwijzen.",
    "error.unknown_takedown": "Dat verwijderverzoek bestaat niet meer.",
    "takedown.state.pending": "wacht op goedkeuring",
    "takedown.state.approved": "goedgekeurd",
    "takedown.state.taken_down": "verwijderd",
    "takedown.state.gone": "was al weg",
    "takedown.state.rejected": "afgewezen",
    "takedown.head": ":no_entry: *Verwijdering #{id}* van een bericht op {account} · {state}",
    "takedown.link": "het bericht",
    "takedown.author": "van {author}",
    "takedown.posted": "geplaatst {at}",
    "takedown.metric.replies": "{count} reacties",
    "takedown.metric.reposts": "{count} keer gedeeld",
    "takedown.metric.likes": "{count} likes",
    "takedown.metric.comments": "{count} opmerkingen",
    "takedown.metric.shares": "{count} keer doorgestuurd",
    "takedown.metric.reactions": "{count} reacties met een emoji",
    "takedown.requested": "gevraagd door {user} {at}; een kopie van het bericht is bewaard",
    "takedown.approved_by": ":heavy_check_mark: {role}: {user} keurde goed",
    "takedown.rejected_by": ":x: {role}: {user} wees af",
    "takedown.done": ":white_check_mark: Verwijderd van {account} {at}",
    "takedown.gone": ":information_source: Stond al niet meer op {account} toen we het wilden weghalen ({at})",
    "takedown.error": ":x: Nog niet verwijderd: {error}",
    "takedown.approve": "Verwijdering goedkeuren",
    "takedown.reject": "Afwijzen",
    "takedown.taken_down_notice": ":white_check_mark: Verwijdering #{id}: het bericht is weg van {account} ({url}). "
                                  "De kopie blijft in het archief en in het rapport.",
    "takedown.gone_notice": ":information_source: Verwijdering #{id}: het bericht stond al niet meer op {account} "
                            "({url}) voordat wij het weghaalden. De kopie blijft in het archief.",
    "takedown.retrying_notice": ":warning: Verwijdering #{id} op {account} is mislukt: {error}. We proberen het zo "
                                "opnieuw.",
    "takedown.failed_notice": ":x: Verwijdering #{id} op {account} is opgegeven: {error}. Haal het bericht met de "
                              "hand weg.",
    "takedown.drill_done": ":white_check_mark: Goedgekeurd {at}: overgeslagen: oefening, dus het bericht blijft op "
                           "{account} staan (in een echte crisis was het nu weg)",
    "takedown.drill_notice": ":white_check_mark: Verwijdering #{id} goedgekeurd: overgeslagen: oefening. Het bericht "
                             "blijft op {account} staan ({url}); in een echte crisis was het nu weg, met de kopie in "
                             "het archief.",
    "notice.takedown_requested": "Verwijdering #{id} aangevraagd: de kaart in het crisiskanaal wacht op goedkeuring.",
    "notice.takedown_approved": "Je goedkeuring van verwijdering #{id} is vastgelegd.",
    "notice.takedown_rejected": "Verwijdering #{id} is afgewezen.",
    "notice.takedown_already_approved": "Je had verwijdering #{id} al goedgekeurd.",
    "timeline.takedown_requested": "{actor} vroeg een bericht op {target} te verwijderen (verwijdering #{takedown}: "
                                   "{url})",
    "timeline.takedown_approved": "{actor} ({role}) keurde verwijdering #{takedown} goed",
    "timeline.takedown_rejected": "{actor} ({role}) wees verwijdering #{takedown} af",
    "timeline.taken_down": "Verwijdering #{takedown}: het bericht is weg van {target} ({url})",
    "timeline.takedown_gone": "Verwijdering #{takedown}: het bericht stond al niet meer op {target} ({url})",
    "timeline.takedown_failed": "Verwijdering #{takedown} op {target} is mislukt: {error}",
    "timeline.takedown_skipped": "Verwijdering #{takedown}: overgeslagen: oefening, het bericht blijft op {target} "
                                 "staan ({url})",
    "report.section.taken_down": "Verwijderd",
    "report.table.account": "Account",
    "report.table.author": "Auteur",
    "report.table.posted": "Geplaatst",
    "report.table.counts": "Aantallen",
    "report.table.link": "Link",
    "report.takedown.taken_down": "verwijderd {at}",
    "report.takedown.gone": "was al weg op {at}",
    "report.takedown.skipped": "overgeslagen: oefening (goedgekeurd {at}; het bericht bleef staan)",
    "report.section.taken_down_drill": "Verwijderverzoeken (oefening: overgeslagen, niets verwijderd)",
    "report.takedown.error": "{state}; niet verwijderd: {error}",
    "report.takedown.who": "gevraagd door {asked}; goedgekeurd door {approved}",
    "card.take_down": "Dit bericht verwijderen",
    # corrections and retractions
    "timeline.correction_drafted": "Correctie #{statement} op verklaring #{amends} opgesteld voor {target}",
    "timeline.retraction_drafted": "Intrekking #{statement} van verklaring #{amends} opgesteld voor {target}",
    "timeline.statement_corrected": "Verklaring #{amends} gecorrigeerd met #{statement} ({ref})",
    "timeline.statement_retracted": "Verklaring #{amends} ingetrokken met #{statement} ({ref})",
    "timeline.correction_withdrawn": "Correctie #{statement} vervallen: verklaring #{amends} is ingetrokken",
    "card.statement.correction_of": "Correctie op verklaring #{statement}",
    "card.statement.retraction_of": "Intrekking van verklaring #{statement}",
    "card.statement.correction_published": ":white_check_mark: Correctie gepubliceerd {at}: {ref}",
    "card.statement.retraction_published": ":white_check_mark: Ingetrokken {at}: {ref}",
    "card.statement.retracted_by": ":no_entry_sign: Ingetrokken met verklaring #{statement}",
    "report.statement.retracted_by": "ingetrokken met verklaring #{statement}",
    "statement.correct": "Corrigeren",
    "statement.retract": "Intrekken",
    "statement.correction_published": ":white_check_mark: Correctie #{statement} voor {target} is goedgekeurd en "
                                      "gepubliceerd: waar het platform dat toestaat is het bericht aangepast, "
                                      "elders staat er een reactie onder.",
    "statement.retraction_published": ":white_check_mark: Intrekking #{statement} voor {target} is goedgekeurd en "
                                      "uitgevoerd: waar het kan is het bericht verwijderd, elders staat de "
                                      "mededeling eronder.",
    "statement.correction_withdrawn": ":no_entry_sign: Correctie #{statement} voor {target} is vervallen voordat "
                                      "hij uitging: de verklaring die hij corrigeert is ingetrokken.",
    "statement.retraction_text": "We trekken onze eerdere verklaring in. We laten zo snel mogelijk meer van ons "
                                 "horen.",
    "modal.correct.title": "Verklaring corrigeren",
    "modal.correct.submit": "Ter goedkeuring",
    "modal.retract.title": "Verklaring intrekken",
    "modal.retract.submit": "Ter goedkeuring",
    "modal.field.correction": "Gecorrigeerde tekst",
    "modal.field.correction_hint": "Wordt net zo goedgekeurd als een verklaring; daarna vervangt hij het bericht "
                                   "waar het platform bewerken toestaat, en komt hij elders als reactie eronder.",
    "modal.field.retraction": "Mededeling bij de intrekking",
    "modal.field.retraction_hint": "Wordt net zo goedgekeurd als een verklaring; daarna wordt het bericht "
                                   "verwijderd waar het platform dat toestaat, en komt deze mededeling elders als "
                                   "reactie eronder.",
    "error.amend_not_allowed": "Alleen de schrijver ({author}) of de {role} ({holder}) kan deze verklaring "
                               "corrigeren of intrekken.",
    "error.amend_not_published": "Alleen een gepubliceerde verklaring kun je corrigeren of intrekken, en #{statement} "
                                 "is dat niet.",
    "error.amend_retracted": "Verklaring #{statement} is al ingetrokken, of er wacht een intrekking op goedkeuring.",
    # Teams flows
    "error.alert_answered": "Iemand heeft al op deze piekwaarschuwing gereageerd (je ziet nu hoe). Er is niets "
                            "veranderd.",
    "error.alert_in_crisis": "Vanuit deze piekwaarschuwing is al een crisis geopend: {title} in {channel}. Er is geen "
                             "tweede crisis geopend; sluit je bij die aan.",
    "error.assign_usage_email": "Zeg welke rol en wiens e-mailadres, bv. `/crisis assign legal maria@voorbeeld.nl`.",
    "error.assign_no_such_person": "Niemand in deze organisatie heeft het e-mailadres {email} (of Teams kon nu niet "
                                   "worden gevraagd). Controleer het adres en probeer het opnieuw.",
    "debrief.report_files": ":page_facing_up: Het evaluatierapport van *{title}* is klaar en staat bij de bestanden "
                            "van dit kanaal:",
    "chat_reason.Forbidden": "de app mist een recht dat een beheerder moet toekennen (zie de Graph-rechten in de "
                              "installatiehandleiding)",
    "chat_reason.files_need_a_channel": "bestanden kunnen alleen in een kanaal worden gedeeld, en deze ruimte is een "
                                         "groepschat",
    "notice.press_logged": "Persvraag van {outlet} vastgelegd; de kaart om hem te beantwoorden staat hieronder in de "
                           "ruimte.",
    "card.statement.your_turn": ":hourglass_flowing_sand: Wacht op *jouw* goedkeuring, als {role}.",
    # prevention demo
    "demo.prevention.intro": "crisisbot demo --story prevention: het register van merkaccounts uit het plan, iemand "
                             "die vertrekt, de toegangscontrole van het kwartaal en een oefening met een "
                             "gelekt account, tegen de lokale Slack-sandbox",
    "demo.prevention.flagged": "De eerste controle liep het register uit het plan na: Instagram acme.coffee heeft "
                               "geen tweestapsverificatie, gemeld in #security ({n} bericht(en) daar)",
    "demo.prevention.deactivated": "Een beheerder deactiveerde Alex (vervanger sociale media); Slack stuurde "
                                   "user_change: in #security een melding met {n} knoppen Ingetrokken, één per "
                                   "merkaccount waar hij bij kon",
    "demo.prevention.revoked": "Dana (securityverantwoordelijke) drukte op Ingetrokken voor X, Lea (de eigenaar) "
                               "voor Instagram: Alex kan nergens meer bij",
    "demo.prevention.reviewed": "{at}: de toegangscontroles van dit kwartaal kwamen bij de eigenaren van de "
                                "accounts; Jo liet Sam op X staan, en niemand kreeg een vraag over Alex, wiens "
                                "toegang bij zijn vertrek al was ingetrokken",
    "demo.prevention.drill": "Een dag later begon Dana een oefening met een gelekt account (`/crisis drill "
                             "account_leak`): #{channel}, gemarkeerd als OEFENING, rollen opgeroepen, de checklist uit "
                             "het draaiboek geplaatst; niets gaat buiten Slack en de oefening telt niet mee in de "
                             "echte cijfers",
    "demo.prevention.checklist": "Jo (sociale media) vinkte de eerste {n} stappen van de checklist af",
    "demo.prevention.opened_home": "Dana opende het tabblad Home van de bot",
    "demo.prevention.home": "=== Het tabblad Home van Dana (crisisleider en securityverantwoordelijke), zoals zij "
                            "het ziet ===",
    # employee briefing
    "target.all_staff": "Alle medewerkers",
    "briefing.template": "Beste collega's,\n\n"
                         "Wat er is gebeurd: {what}\n"
                         "Het crisisteam is ermee bezig en houdt jullie op de hoogte.\n\n"
                         "Wat je beter niet zegt: reageer hier niet op via sociale media of tegenover mensen buiten "
                         "{organisation}, speculeer niet over oorzaken of schuldigen, en stuur dit bericht niet door "
                         "naar buiten.\n\n"
                         "Vragen van journalisten: beantwoord ze niet zelf, ook niet informeel, maar stuur ze meteen "
                         "door naar {press}.\n"
                         "Vragen van klanten: verwijs ze naar {care}.\n\n"
                         "Dank voor jullie hulp.",
    "briefing.contact": "{name} ({role})",
    "briefing.contact_role": "de {role}",
    "briefing.care_team": "onze klantenservice",
    "error.briefing_no_channel": "Het plan heeft geen kanaal voor alle medewerkers, dus een briefing kan nergens "
                                 "heen. Vraag wie het crisisplan beheert om `{setting}` in te stellen (bv. "
                                 "`\"#iedereen\"`) en probeer daarna opnieuw `/crisis brief`.",
    # drills
    "drill.skipped": "overgeslagen: oefening",
    "drill.shown_in_room": "overgeslagen: oefening, getoond in het oefenkanaal",
    "drill.statement_shown": ":rotating_light: *OEFENING*: verklaring #{statement} wordt niet geplaatst in {target}. "
                             "In een echte crisis zouden de mensen daar nu lezen:\n{text}",
    "drill.title": "OEFENING: {kind} (oefencrisis)",
    "drill.description": "Dit is een oefening, geen echte crisis. Er wordt niets buiten de chat van het team "
                         "gepubliceerd.",
    "error.bad_drill_kind": "Er is geen crisistype `{kind}` om mee te oefenen. Probeer `/crisis drill` met een van: "
                            "{choices}.",
    "notice.drill_opened": "Oefening gestart in {channel}. Het is alleen een oefening: doe alsof het echt is, er gaat "
                           "niets naar buiten.",
    # --- Teams demo and Teams forms (issue 12 point 7) ---
    "notice.statement_drafted": "Verklaring #{id} staat in de ruimte, klaar voor goedkeuring.",
    "demo.teams.intro": "crisisbot demo --platform teams: {file} afgespeeld in de vermeldingenmonitor, tegen de lokale "
                        "Teams-sandbox (Bot Connector en Graph op loopback, geen netwerk, tijdelijke SQLite)",
    "demo.teams.opened": "Dana drukte op [Open crisis] bij de waarschuwing en verstuurde het formulier: de "
                         "crisisruimte {room} ({kind}) gemaakt via Graph, de app geïnstalleerd voor elke rolhouder, "
                         "4 rollen opgeroepen in hun chat met de bot en in de ruimte (Teams heeft geen ingeplande "
                         "berichten om te pauzeren)",
    "demo.teams.approved": "Maria (juridisch) en Dana (crisisleider) keurden goed: één keer gepubliceerd in het "
                           "Teams-kanaal {channel}",
    "demo.teams.press": "Jo legde een vraag van een journalist vast met het formulier en beantwoordde die met de "
                        "gepubliceerde verklaring",
    "demo.teams.report": "48 uur later sloot de evaluatie: het rapport staat op het tabblad Bestanden van het "
                         "crisiskanaal, met een kaart in de ruimte die ernaar linkt",
    "demo.teams.kind.channel": "een kanaal",
    "demo.teams.kind.groupChat": "een groepschat",
    "demo.teams.transcript": "=== Wat iedereen in Teams zag ===",
    # het verslag van de Slack-sandbox: wat mensen deden en wat de bot veranderde, zoals de demo het toont
    "demo.log.clicked": "klikte op [{button}]",
    "demo.log.ticked": "vinkte [{box}] aan",
    "demo.log.unticked": "vinkte [{box}] uit",
    "demo.log.submitted": "verstuurde \"{title}\"",
    "demo.log.shortcut": "gebruikte de snelkoppeling {name} op een bericht",
    "demo.log.opened_tab": "opende het tabblad {tab} van de app",
    "demo.log.edited": "bewerkt: {line}",
    "demo.log.replaced": "vervangen: {line}",
    "demo.log.deleted": "verwijderd: {line}",
    "demo.log.pinned": "vastgemaakt: {line}",
    "demo.log.reacted": "reageerde met :{name}: op: {line}",
    "demo.log.bookmarked": "bladwijzer gemaakt: {title} <{link}>",
    "demo.log.in_thread": "(in een thread) {line}",
    "demo.log.file": "[bestand: {title} ({size} bytes)]",
    "demo.log.created_channel": "maakte het kanaal aan",
    "demo.log.created_private_channel": "maakte het privékanaal aan",
    "demo.log.set_topic": "zette het onderwerp van het kanaal: {value}",
    "demo.log.set_purpose": "zette het doel van het kanaal: {value}",
    "demo.log.added": "voegde {people} toe",
    "demo.log.joined": "kwam in het kanaal",
    "demo.log.archived": "archiveerde het kanaal",
    "demo.log.deactivated": "deactiveerde {user}",
    "demo.log.only_to": "alleen voor {user} in {place}",
    "demo.log.modal_for": "venster voor {user}",
    "demo.log.home_tab_of": "Home-tabblad van {user}",
    "demo.log.home_tab": "Home-tabblad",
    "demo.log.fields": "velden: {labels}",
    "demo.log.view_opened": "opende",
    "demo.log.view_pushed": "legde erbovenop",
    "demo.log.view_updated": "werkte bij",
    "demo.log.view_published": "publiceerde",
    "demo.log.someone": "iemand",
    # drill replay
    "replay.warning": "*OEFENING* (geen echte waarschuwing): {warning}",
    "replay.stalled": "*OEFENING*: de opname die deze oefening afspeelt is nu niet te lezen, dus de vermeldingen "
                      "wachten: {problem}",
    "notice.drill_replaying": "Oefening gestart in {channel}, met de opname `{name}` ({count} vermeldingen): die "
                              "komen bij de monitor binnen naarmate de oefening loopt, en de piekwaarschuwingen "
                              "komen alleen in het kanaal van de oefening.",
    "error.replay_no_name": "Noem de opname na `replay=`, bv. `/crisis drill replay=complaint-wave`.",
    "error.no_recordings": "Dit plan heeft geen opnames om in een oefening af te spelen. Vraag wie het crisisplan "
                           "beheert om ze te noemen onder `drills: recordings:`, of start de oefening zonder "
                           "`replay=`.",
    "error.unknown_recording": "Er is geen opname `{name}` voor oefeningen. Probeer `replay=` met een van: {choices}.",
    "error.unreadable_recording": "De opname `{name}` is niet te lezen ({problem}). Vraag wie het crisisplan beheert "
                                  "om `drills.recordings.{name}` na te kijken.",
    "error.bad_recording": "De opname `{name}` heeft een probleem op regel {line}: {problem}. Verbeter die regel van "
                           "het bestand en probeer het opnieuw.",
    # wat er mis is met een regel van een opname (de veldnamen van een vermelding blijven zoals het bestand ze schrijft)
    "recording.no_file": "geen bestand {file}",
    "recording.no_text_column": "een CSV-opname begint met een kopregel die een kolom text heeft",
    "recording.too_many": "meer dan {limit} vermeldingen",
    "recording.no_time": "at (de tijd vanaf de start van de oefening, bv. -2d of 90s) of created_at ontbreekt",
    "recording.bad_at": "at: {value} is geen tijd vanaf de start van de oefening (bv. -2d, 15m, 90)",
    "recording.at_too_far": "at: meer dan {days} dagen van de start van de oefening",
    "mention_row.too_long": "langer dan {limit} bytes",
    "mention_row.not_csv": "geen CSV-regel ({error})",
    "mention_row.not_json": "geen geldige JSON",
    "mention_row.not_an_object": "geen JSON-object",
    "mention.not_an_object": "een vermelding moet een object zijn",
    "mention.missing": "{field} ontbreekt",
    "mention.not_text": "{field} moet tekst zijn",
    "mention.not_a_time": "{field}: {value} is geen tijd",
    "mention.not_iso_time": "{field}: {value} is geen ISO 8601-tijd",
    "mention.out_of_range": "{field}: {value} valt buiten het bereik",
    "mention.in_the_future": "created_at {at} ligt in de toekomst",
    "mention.too_early": "created_at {day} ligt voor {year}",
    "error.replay_not_drill": "Een opname kan alleen in een oefening worden afgespeeld, nooit in een echte crisis. "
                              "Start er een met `/crisis drill [type] replay=<opname>`.",
    "error.replay_closed": "Deze oefening is gesloten, dus er wordt niets meer in afgespeeld.",
    # webcare (crisis/webcare)
    "error.reply_usage": "Typ `/crisis reply <link naar het bericht>`, bijvoorbeeld `/crisis reply "
                         "https://x.com/jane/status/1`.",
    "error.reply_unknown_platform": "Die link wijst niet naar een bericht op een platform waarop crisisbot kan "
                                    "reageren (de accounts van het plan: {accounts}). Er is niets vastgelegd.",
    "error.reply_gone": "Dat bericht staat niet op {account} ({detail}): er is niets om op te reageren.",
    "error.reply_unreachable": "Het bericht kon niet worden gelezen van {account}: {reason}. Er is niets vastgelegd; "
                               "probeer het over een minuut opnieuw.",
    "error.reply_do_not_engage": "{author} staat op niet reageren: crisisbot reageert niet op dit account. "
                                 "(`/crisis donotengage undo {author}` heft een markering uit de chat op.)",
    "error.reply_no_lines": "Het plan heeft nog geen goedgekeurde reactieteksten: vraag de beheerder van het plan "
                            "`webcare.lines` toe te voegen.",
    "error.reply_line": "Kies een van de goedgekeurde teksten van het plan.",
    "error.reply_text": "Een reactie is hoogstens {most} tekens.",
    "error.reply_closed": "Deze reactie is al {state}: er valt niets meer te beslissen.",
    "error.reply_own": "Je hebt zelf om deze reactie gevraagd, dus jouw goedkeuring telt niet: iemand anders moet "
                       "goedkeuren.",
    "error.reply_not_approver": "Alleen {roles} keuren in deze crisis een reactie goed, net als een verklaring.",
    "error.reply_not_reviewer": "Alleen {roles} of de {lead} wijzen een reactie af.",
    "error.reply_not_allowed": "Buiten een crisiskanaal vragen alleen de mensen die piekwaarschuwingen beantwoorden "
                               "om reacties. Gebruik in een crisis `/crisis reply` in het kanaal ervan.",
    "error.unknown_reply": "Die reactie bestaat niet meer.",
    "error.donotengage_usage": "Typ `/crisis donotengage <account>` (bijvoorbeeld `@troll@bad.social`), "
                               "`/crisis donotengage undo <account>`, of `/crisis donotengage` voor de lijst.",
    "error.donotengage_in_plan": "{account} staat op de eigen niet-reageren-lijst van het plan; alleen het plan kan "
                                 "dat opheffen.",
    "error.donotengage_not_allowed": "Alleen wie een rol heeft in deze crisis (of de beheerders en wie "
                                     "piekwaarschuwingen beantwoordt) markeert accounts als niet reageren.",
    "reply.state.pending": "wacht op goedkeuring",
    "reply.state.approved": "goedgekeurd",
    "reply.state.sent": "verstuurd",
    "reply.state.rejected": "afgewezen",
    "reply.head": ":speech_balloon: *Reactie #{id}* aan {author} op {account} · {state}",
    "reply.post_link": "hun bericht",
    "reply.ours": "Onze reactie (tekst: {line}):",
    "reply.requested": "gevraagd door {user} {at}",
    "reply.approved_by": ":heavy_check_mark: {role}: {user} keurde goed",
    "reply.rejected_by": ":x: {role}: {user} wees af",
    "reply.sent": ":white_check_mark: Verstuurd op {account} {at}",
    "reply.sent_link": "onze reactie",
    "reply.error": ":x: Nog niet verstuurd: {error}",
    "reply.approve": "Reactie goedkeuren",
    "reply.reject": "Afwijzen",
    "reply.button": "Reageren",
    "reply.sent_notice": ":white_check_mark: Reactie #{id} aan {author} staat op {account}: {url}",
    "reply.retrying_notice": ":warning: Reactie #{id} op {account} mislukte: {error}. We proberen het zo opnieuw.",
    "reply.failed_notice": ":x: Reactie #{id} op {account} is opgegeven: {error}. Reageer met de hand als het nog "
                           "nodig is.",
    "reply.drill_done": ":white_check_mark: Goedgekeurd {at}: overgeslagen: oefening, er is niets verstuurd op "
                        "{account} (in een echte crisis stond de reactie er nu)",
    "reply.drill_notice": ":white_check_mark: Reactie #{id} aan {author} goedgekeurd: overgeslagen: oefening. Er is "
                          "niets verstuurd op {account}; in een echte crisis stond de reactie er nu.",
    "reply.modal_title": "Reageren",
    "reply.modal_submit": "Reactie versturen",
    "reply.modal_post": "{author} schreef op {account}:",
    "reply.modal_approval": "Tijdens deze crisis wacht een reactie op goedkeuring (net als een verklaring) voordat "
                            "ze uitgaat.",
    "reply.modal_direct": "Deze reactie gaat uit zodra je haar verstuurt.",
    "reply.modal_drill": "Dit is een oefening: er gaat niets naar de persoon. De reactie wordt vastgelegd als "
                         "overgeslagen: oefening.",
    "reply.modal_drill_approval": "Dit is een oefening: de reactie wacht op goedkeuring zoals in een crisis, daarna "
                                  "gaat er niets naar de persoon (overgeslagen: oefening).",
    "reply.field_line": "Goedgekeurde tekst",
    "reply.field_text": "Je reactie (leeg laten om de tekst te sturen zoals hij is)",
    "reply.field_text_hint": "De tekst vult de naam van de schrijver in. Pas hem hier aan als de persoon iets "
                             "specifiekers nodig heeft.",
    "notice.reply_requested": "Reactie #{id} vastgelegd: haar kaart wacht op goedkeuring.",
    "notice.reply_sending": "Reactie #{id} vastgelegd en wordt verstuurd: haar kaart laat zien wanneer ze uit is.",
    "notice.reply_approved": "Je goedkeuring van reactie #{id} is vastgelegd.",
    "notice.reply_rejected": "Reactie #{id} afgewezen.",
    "notice.reply_already_approved": "Je had reactie #{id} al goedgekeurd.",
    "notice.donotengage": "{account} staat op niet reageren: niemand krijgt een reactie aan dit account aangeboden.",
    "notice.donotengage_already": "{account} stond al op niet reageren.",
    "notice.engage_again": "{account} staat niet meer op niet reageren.",
    "notice.engage_not_marked": "{account} stond in de chat niet op niet reageren.",
    "notice.donotengage_list": "Niet reageren: {accounts}",
    "timeline.reply_requested": "{actor} vroeg om een reactie aan {author} op {target} (reactie #{reply}: {url})",
    "timeline.reply_approved": "{actor} ({role}) keurde reactie #{reply} goed",
    "timeline.reply_rejected": "{actor} ({role}) wees reactie #{reply} af",
    "timeline.reply_sent": "Reactie #{reply} aan {author} verstuurd op {target} ({url})",
    "timeline.reply_failed": "Reactie #{reply} op {target} mislukte: {error}",
    "timeline.reply_skipped": "Reactie #{reply} aan {author} op {target} ({url}): overgeslagen: oefening, niets "
                              "verstuurd",
    "timeline.do_not_engage": "{actor} zette {account} op niet reageren",
    "timeline.engage_again": "{actor} haalde {account} van niet reageren af",
    "report.section.replies": "Reacties (webcare)",
    "report.table.reply": "Onze reactie",
    "report.reply.sent": "verstuurd {at}",
    "report.reply.skipped": "overgeslagen: oefening (goedgekeurd {at}; niets verstuurd)",
    "report.reply.error": "{state}; niet verstuurd: {error}",
    # scheduled posts where they live (crisis.schedules)
    "card.posts_not_removed": ":warning: Nog ingepland: {n} bericht(en): {failure}. Wordt opnieuw geprobeerd.",
    "timeline.schedule_unread": "De ingeplande berichten van {account} konden niet worden gelezen: {reason}",
    "error.paused_post_restore_failed": "Het bericht kon niet opnieuw worden ingepland bij {account}: {reason}. Het "
                                        "blijft gepauzeerd; probeer het zo nog eens.",
    "error.paused_post_being_resumed": "{user} is dit bericht nu aan het hervatten, dus intussen kan het niet "
                                       "worden hervat of geschrapt. Kijk over een minuut nog eens.",
    "error.paused_post_being_discarded": "{user} is dit bericht nu aan het schrappen (en gaat eerst na dat geen "
                                         "eerdere hervatting het toch heeft ingepland). Kijk over een minuut nog eens.",
    "error.paused_post_discard_failed": "Bij {account} kon niet worden nagegaan dat geen eerdere hervatting het "
                                        "bericht toch heeft ingepland: {reason}. Het blijft gepauzeerd, niet "
                                        "geschrapt; probeer het zo nog eens.",
    "error.paused_post_take_back_failed": "Dit bericht is intussen {outcome}, maar het exemplaar dat jouw hervatting "
                                          "bij {account} inplande kon niet worden verwijderd: {reason}. Verwijder "
                                          "het daar zelf.",
    "error.paused_post_no_scheduler": "{account} staat niet meer onder `statements.scheduled_posts` in het plan, dus "
                                      "het bericht kan daar niet opnieuw worden ingepland. Schrap het, of zet het "
                                      "account terug.",
    "paused.reschedule": "Verplaatsen",
    "paused.new_time": "Dit bericht stond gepland voor {at}. Wanneer moet het in plaats daarvan uit?",
    "paused.media": "Met {n} bijlage(n); bij hervatten worden ze opnieuw toegevoegd:",
    "paused.media_link": "bestand {n}",
    "paused.media_uploaded": "bestand {n} (bewaard bij de aanbieder)",
    "schedule.paused_later": ":double_vertical_bar: {n} merkbericht(en) die na het openen van de crisis zijn "
                             "ingepland, zijn gepauzeerd (bij het sluiten aangeboden met de andere): {posts}",
    "schedule.paused_later_post": "{account}, gepland voor {at}: “{text}”",
    "schedule.paused_later_more": "{post}; {more}",
    "schedule.queue": "de wachtrij van crisisbot",
    "schedule.queued": ":calendar: Ingepland voor {target} op {at}. Het gaat dan uit via de publicatiekanalen van "
                       "het doel, tenzij er een crisis open is.",
    "error.schedule_not_allowed": "Alleen het crisisteam uit het plan (beheerders en rolhouders) plant merkberichten "
                                  "in.",
    "error.schedule_unknown_target": "Er is geen doel `{target}` dat ergens publiceert. Kies uit: {targets}.",
    "error.schedule_usage": "Typ `/crisis schedule <doel> <JJJJ-MM-DD UU:MM> <tekst>`; de tijd is die van het team "
                            "({zone}).",
    "error.schedule_in_past": "Dat tijdstip is al voorbij: kies een tijdstip in de toekomst.",
    "error.schedule_text": "Het bericht heeft een tekst nodig van hoogstens {limit} tekens.",
    # scenarios (#12): a page that reached the room but not the person's own chat
    "page.unreachable": ":warning: {user} is niet rechtstreeks bereikbaar ({reason}); de oproep voor {role} staat "
                        "alleen in dit kanaal. Als niemand bevestigt, escaleert de rol zoals gewoonlijk.",
}
