#include "hub/report/labels.h"

#include "rosa/hub/v1/inquiry.pb.h"
#include "rosa/hub/v1/journal.pb.h"
#include "rosa/hub/v1/person.pb.h"

namespace rosa::report {

namespace v1 = rosa::hub::v1;

const std::vector<Label>& CallerLabels() {
  static const auto* labels = new std::vector<Label>{
      {v1::CALLER_TYPE_POLICE, "police", "Police", "Politi"},
      {v1::CALLER_TYPE_ASYLUM_RECEPTION, "asylum_reception",
       "Asylum reception centre", "Asylmottak"},
      {v1::CALLER_TYPE_PUBLIC_AUTHORITY, "public_authority", "Public authority",
       "Offentlig myndighet"},
      {v1::CALLER_TYPE_CHILD_WELFARE, "child_welfare", "Child welfare",
       "Barnevern"},
      {v1::CALLER_TYPE_HEALTH_SERVICE, "health_service", "Health service",
       "Helsetjeneste"},
      {v1::CALLER_TYPE_NAV, "nav", "NAV (welfare)", "NAV"},
      {v1::CALLER_TYPE_PRO_SENTRET, "pro_sentret", "Pro Sentret",
       "Pro Sentret"},
      {v1::CALLER_TYPE_NADHEIM, "nadheim", "Nadheim", "Nadheim"},
      {v1::CALLER_TYPE_VOLUNTARY_ORGANISATION, "voluntary_organisation",
       "Voluntary organisation", "Frivillig organisasjon"},
      {v1::CALLER_TYPE_CRISIS_CENTRE, "crisis_centre", "Crisis centre",
       "Krisesenter"},
      {v1::CALLER_TYPE_OTHER_HOUSING, "other_housing", "Other housing",
       "Annet botilbud"},
      {v1::CALLER_TYPE_LAWYER, "lawyer", "Lawyer", "Advokat"},
      {v1::CALLER_TYPE_QUALIFICATION_PROGRAMME, "qualification_programme",
       "Qualification programme", "Kvalifiseringsprogram"},
      {v1::CALLER_TYPE_MEDIA, "media", "Media", "Media"},
      {v1::CALLER_TYPE_RESEARCH, "research", "Research/studies",
       "Forskning/studier"},
      {v1::CALLER_TYPE_PRIVATE_PERSON, "private_person", "Private person",
       "Privatperson"},
      {v1::CALLER_TYPE_THE_PERSON_THEMSELF, "the_person_themself",
       "The person themself", "Personen selv"},
      {v1::CALLER_TYPE_CORRECTIONAL_SERVICE, "correctional_service",
       "Correctional service", "Kriminalomsorgen"},
      {v1::CALLER_TYPE_OTHER, "other", "Other", "Annet"},
  };
  return *labels;
}

const std::vector<Label>& TopicLabels() {
  static const auto* labels = new std::vector<Label>{
      {v1::INQUIRY_TOPIC_FOLLOW_UP, "follow_up", "Follow-up of a client",
       "Oppfølging av bruker"},
      {v1::INQUIRY_TOPIC_INFORMATION, "information", "Information",
       "Informasjon"},
      {v1::INQUIRY_TOPIC_POSSIBLE_VICTIM, "possible_victim", "Possible victim",
       "Mulig offer"},
      {v1::INQUIRY_TOPIC_GUIDANCE, "guidance", "Guidance", "Veiledning"},
      {v1::INQUIRY_TOPIC_OTHER, "other", "Other", "Annet"},
  };
  return *labels;
}

const std::vector<Label>& GenderLabels() {
  static const auto* labels = new std::vector<Label>{
      {0, "woman", "Women", "Kvinner"},
      {1, "man", "Men", "Menn"},
      {2, "trans", "Trans", "Trans"},
      {3, "unknown", "Unknown", "Ukjent"},
  };
  return *labels;
}

const std::vector<Label>& ExploitationLabels() {
  static const auto* labels = new std::vector<Label>{
      {0, "sexual", "Prostitution or other sexual purposes",
       "Prostitusjon eller andre seksuelle formål"},
      {1, "forced_labour", "Forced labour or services",
       "Tvangsarbeid eller tjenester"},
      {2, "mixed", "Mixed", "Kombinasjon"},
      {3, "other_or_unknown", "Other or unknown", "Annet eller ukjent"},
  };
  return *labels;
}

const std::vector<Label>& ResidenceLabels() {
  static const auto* labels = new std::vector<Label>{
      {v1::RESIDENCE_STATUS_NO_PERMIT, "no_permit", "No permit",
       "Uten tillatelse"},
      {v1::RESIDENCE_STATUS_ASYLUM_SEEKER, "asylum_seeker", "Asylum seeker",
       "Asylsøker"},
      {v1::RESIDENCE_STATUS_TOURIST_VISA, "tourist_visa", "Tourist visa",
       "Turistvisum"},
      {v1::RESIDENCE_STATUS_AWAITING_RETURN, "awaiting_return",
       "Awaiting assisted return (IOM)", "Venter på assistert retur (IOM)"},
      {v1::RESIDENCE_STATUS_REFLECTION_PERIOD_APPLIED,
       "reflection_period_applied", "Reflection period applied for",
       "Søkt refleksjonsperiode"},
      {v1::RESIDENCE_STATUS_REFLECTION_PERIOD_GRANTED,
       "reflection_period_granted", "Reflection period granted",
       "Innvilget refleksjonsperiode"},
      {v1::RESIDENCE_STATUS_EXTENDED_REFLECTION_APPLIED,
       "extended_reflection_applied", "Extended reflection period applied for",
       "Søkt forlenget refleksjonsperiode"},
      {v1::RESIDENCE_STATUS_EU_EEA_CITIZEN, "eu_eea_citizen", "EU/EEA citizen",
       "EU/EØS-borger"},
      {v1::RESIDENCE_STATUS_RESIDENCE_PERMIT, "residence_permit",
       "Residence permit granted", "Innvilget oppholdstillatelse"},
      {v1::RESIDENCE_STATUS_NORWEGIAN_CITIZEN, "norwegian_citizen",
       "Norwegian citizen", "Norsk statsborger"},
      {v1::RESIDENCE_STATUS_FAMILY_IMMIGRATION, "family_immigration",
       "Family immigration", "Familiegjenforening"},
      {v1::RESIDENCE_STATUS_UNKNOWN, "unknown", "Unknown", "Ukjent"},
  };
  return *labels;
}

const std::vector<Label>& OtherOffenceLabels() {
  static const auto* labels = new std::vector<Label>{
      {v1::OFFENCE_VIOLENCE_IN_CLOSE_RELATIONS, "violence_in_close_relations",
       "Violence in close relations", "Vold i nære relasjoner"},
      {v1::OFFENCE_ROBBERY, "robbery", "Robbery", "Ran"},
      {v1::OFFENCE_RAPE, "rape", "Rape", "Voldtekt"},
      {v1::OFFENCE_OTHER_SEXUAL_VIOLENCE, "other_sexual_violence",
       "Other sexual violence", "Annen seksuell vold"},
      {v1::OFFENCE_OTHER_VIOLENCE, "other_violence", "Other violence",
       "Annen vold"},
      {v1::OFFENCE_SOCIAL_DUMPING, "social_dumping", "Social dumping",
       "Sosial dumping"},
      {v1::OFFENCE_OTHER, "other", "Other offences", "Andre lovbrudd"},
  };
  return *labels;
}

const std::vector<Label>& PoliceStatusLabels() {
  static const auto* labels = new std::vector<Label>{
      {v1::POLICE_REPORT_STATUS_DROPPED, "dropped", "Dropped", "Henlagt"},
      {v1::POLICE_REPORT_STATUS_UNDER_INVESTIGATION, "under_investigation",
       "Under investigation", "Under etterforskning"},
      {v1::POLICE_REPORT_STATUS_INDICTMENT_OTHER_OFFENCE,
       "indictment_other_offence", "Indictment for another offence",
       "Tiltale for annet lovbrudd"},
      {v1::POLICE_REPORT_STATUS_INDICTMENT_OR_CONVICTION_TRAFFICKING,
       "indictment_or_conviction_trafficking",
       "Indictment or conviction for trafficking",
       "Tiltale eller dom for menneskehandel"},
  };
  return *labels;
}

}  // namespace rosa::report
