#include "ledd/ingest/generator_vocabulary.h"

namespace ledd::ingest::vocabulary {
namespace {

using sv = std::string_view;

// ---- Names -----------------------------------------------------------------------

constexpr sv kNorwegianFirst[] = {
    "Kari",    "Ola",     "Ingrid",   "Lars",    "Anne",    "Per",      "Marit",
    "Jon",     "Silje",   "Erik",     "Ingeborg", "Knut",   "Solveig",  "Magnus",
    "Nora",    "Henrik",  "Ida",      "Sindre",  "Thea",    "Eirik",    "Åse",
    "Øyvind",  "Kjersti", "Bjørn",    "Sigrid",  "Håkon",   "Hanne",    "Torbjørn",
    "Ragnhild", "Geir",   "Synnøve",  "Trond",   "Tone",    "Espen",    "Marte",
    "Jørgen",  "Line",    "Sverre",   "Maren",   "Vegard",  "Kristin",  "Stian",
    "Hilde",   "Jens",    "Randi",    "Ørjan",   "Tuva",    "Are",      "Linnea",
    "Aksel",   "Emma",    "Jakob",    "Frida",   "Sondre",  "Mari",     "Audun",
    "Gunnhild", "Halvard", "Live",    "Rune",    "Åsmund",  "Bjørg",    "Steinar",
    "Helene",  "Petter",  "Ellen",    "Tor",     "Guro",    "Ådne",     "Vilde"};
constexpr sv kNorwegianLast[] = {
    "Nordmann",  "Hansen",     "Johansen",  "Olsen",      "Larsen",    "Andersen",
    "Pedersen",  "Nilsen",     "Kristiansen", "Jensen",   "Karlsen",   "Johnsen",
    "Pettersen", "Eriksen",    "Berg",      "Haugen",     "Hagen",     "Johannessen",
    "Andreassen", "Jacobsen",  "Dahl",      "Jørgensen",  "Halvorsen", "Henriksen",
    "Lund",      "Sørensen",   "Jakobsen",  "Moen",       "Gundersen", "Iversen",
    "Strand",    "Solberg",    "Svendsen",  "Eide",       "Knutsen",   "Martinsen",
    "Paulsen",   "Bakken",     "Kristoffersen", "Mathisen", "Lie",     "Amundsen",
    "Nguyen",    "Rasmussen",  "Lunde",     "Solheim",    "Berge",     "Moe",
    "Nygård",    "Bakke",      "Fredriksen", "Holm",      "Lien",      "Hauge",
    "Sæther",    "Aas",        "Myhre",     "Haugland",   "Thomassen", "Sivertsen",
    "Sandvik",   "Rønning",    "Arnesen",   "Næss",       "Vik",       "Haug",
    "Ellingsen", "Thorsen",    "Birkeland", "Isaksen",    "Ruud",      "Aasen",
    "Strøm",     "Myklebust",  "Tangen",    "Ødegård",    "Helland",   "Bøe",
    "Aune",      "Brekke",     "Økland",    "Vold",       "Fjeld",     "Bråten",
    "Grønlund",  "Løken",      "Ali",       "Ahmed",      "Khan",      "Hussain"};
constexpr sv kSwedishFirst[] = {"Anna",  "Erik",   "Maria", "Lars",   "Karin",  "Johan",
                                "Sara",  "Anders", "Emma",  "Per",    "Elin",   "Mikael",
                                "Linnéa", "Björn", "Sofia", "Oskar",  "Maja",   "Gustav",
                                "Ebba",  "Fredrik", "Astrid", "Henrik", "Klara", "Magnus"};
constexpr sv kSwedishLast[] = {"Andersson",  "Johansson", "Karlsson",  "Nilsson",
                               "Eriksson",   "Larsson",   "Olsson",    "Persson",
                               "Svensson",   "Gustafsson", "Pettersson", "Jonsson",
                               "Lindberg",   "Lindström", "Bergström", "Sjöberg",
                               "Lundqvist",  "Håkansson", "Engström",  "Åberg"};
constexpr sv kDanishFirst[] = {"Mette",  "Søren",  "Lone",    "Jesper",    "Camilla", "Rasmus",
                               "Anders", "Pernille", "Mads",  "Signe",     "Christian", "Freja",
                               "Frederik", "Ida",  "Mikkel",  "Louise"};
constexpr sv kDanishLast[] = {"Nielsen",   "Jensen",   "Hansen",     "Pedersen",  "Andersen",
                              "Christensen", "Larsen", "Sørensen",   "Rasmussen", "Jørgensen",
                              "Petersen",  "Madsen",   "Kristensen", "Møller",    "Mortensen",
                              "Østergaard", "Frandsen", "Skovgaard"};
constexpr sv kFinnishFirst[] = {"Mikko", "Aino",  "Juha",  "Laura", "Jukka",  "Johanna",
                                "Timo",  "Elina", "Antti", "Sanna", "Ville",  "Päivi"};
constexpr sv kFinnishLast[] = {"Korhonen", "Virtanen", "Mäkinen",  "Nieminen",
                               "Mäkelä",   "Hämäläinen", "Laine",  "Heikkinen",
                               "Koskinen", "Järvinen", "Lehtonen", "Salo"};
constexpr sv kBritishFirst[] = {"Oliver", "Amelia",   "George", "Olivia", "Harry",   "Emily",
                                "Jack",   "Charlotte", "James", "Sophie", "William", "Jessica",
                                "Thomas", "Hannah",   "Daniel", "Lucy"};
constexpr sv kBritishLast[] = {"Smith",   "Jones",    "Williams", "Taylor",   "Brown",
                               "Davies",  "Evans",    "Wilson",   "Thomas",   "Johnson",
                               "Roberts", "Walker",   "Wright",   "Robinson", "Thompson",
                               "Hughes",  "Clarke",   "O'Brien",  "Campbell", "MacDonald"};
constexpr sv kGermanFirst[] = {"Lukas",  "Anna",   "Jonas", "Lena",   "Felix",  "Laura",
                               "Maximilian", "Julia", "Leon", "Sophie", "Paul", "Hannah",
                               "Jürgen", "Katrin", "Stefan", "Sabine"};
constexpr sv kGermanLast[] = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber",
                              "Meyer",  "Wagner",  "Becker",    "Schulz",  "Hoffmann",
                              "Schäfer", "Koch",   "Bauer",     "Richter", "Klein",
                              "Wolf",   "Schröder", "Neumann",  "Schwarz", "Braun"};
constexpr sv kDutchFirst[] = {"Daan", "Sanne", "Jeroen", "Lotte", "Thijs",
                              "Femke", "Bram", "Anouk",  "Sem",   "Eva"};
constexpr sv kDutchLast[] = {"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker",
                             "Janssen", "Visser", "Smit",     "Meijer",       "de Boer",  "Mulder"};
constexpr sv kAmericanFirst[] = {"Michael", "Jennifer", "David",   "Jessica", "Christopher",
                                 "Ashley",  "Matthew",  "Sarah",   "Joshua",  "Emily",
                                 "Andrew",  "Megan",    "Ryan",    "Lauren",  "Tyler",
                                 "Madison", "Brian",    "Rachel"};
constexpr sv kAmericanLast[] = {"Smith",    "Johnson",  "Williams",  "Brown",    "Jones",
                                "Garcia",   "Miller",   "Davis",     "Rodriguez", "Martinez",
                                "Anderson", "Taylor",   "Moore",     "Jackson",  "Martin",
                                "Lee",      "Thompson", "White",     "Harris",   "Clark"};
constexpr sv kIndianFirst[] = {"Aarav", "Priya",   "Rahul",  "Ananya", "Vikram", "Deepika",
                               "Arjun", "Kavya",   "Rohan",  "Sneha",  "Amit",   "Pooja",
                               "Sanjay", "Divya",  "Karthik", "Lakshmi", "Aditya", "Neha"};
constexpr sv kIndianLast[] = {"Sharma", "Patel",  "Singh",  "Kumar",     "Gupta",     "Reddy",
                              "Iyer",   "Nair",   "Rao",    "Menon",     "Joshi",     "Mehta",
                              "Desai",  "Chatterjee", "Banerjee", "Krishnan", "Pillai", "Agarwal"};
constexpr sv kChineseFirst[] = {"Wei", "Fang", "Lei", "Jing", "Hao", "Xin", "Yang", "Min",
                                "Jun", "Na",   "Yu",  "Ying", "Chen", "Hui", "Tao", "Mei"};
constexpr sv kChineseLast[] = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu",
                               "Zhou", "Xu", "Sun",   "Ma",  "Zhu",  "Hu",   "Guo",   "Lin",  "He"};
constexpr sv kPolishFirst[] = {"Piotr",  "Anna",       "Krzysztof", "Katarzyna",
                               "Tomasz", "Agnieszka",  "Paweł",     "Magdalena",
                               "Michał", "Joanna",     "Łukasz",    "Małgorzata"};
constexpr sv kPolishLast[] = {"Nowak",     "Kowalski",  "Wiśniewski", "Wójcik",
                              "Kowalczyk", "Kamiński",  "Lewandowski", "Zieliński",
                              "Szymański", "Woźniak",   "Dąbrowski",  "Kozłowski"};
constexpr sv kFrenchFirst[] = {"Louis",    "Camille", "Hugo",   "Léa",    "Jules",    "Chloé",
                               "Antoine",  "Manon",   "Nicolas", "Élodie", "Pierre", "Juliette"};
constexpr sv kFrenchLast[] = {"Martin", "Bernard", "Dubois", "Thomas", "Robert",  "Richard",
                              "Petit",  "Durand",  "Leroy",  "Moreau", "Lefèvre", "Girard"};
constexpr sv kSpanishFirst[] = {"Alejandro", "Lucía", "Pablo", "María", "Javier", "Carmen",
                                "Sergio",    "Elena", "Diego", "Laura", "Carlos", "Sofía"};
constexpr sv kSpanishLast[] = {"García", "Rodríguez", "González", "Fernández", "López",   "Martínez",
                               "Sánchez", "Pérez",    "Gómez",    "Martín",    "Jiménez", "Ruiz"};

constexpr NameList kNameLists[] = {
    {NameOrigin::kNorwegian, kNorwegianFirst, kNorwegianLast, 0},
    {NameOrigin::kSwedish, kSwedishFirst, kSwedishLast, 10},
    {NameOrigin::kDanish, kDanishFirst, kDanishLast, 6},
    {NameOrigin::kFinnish, kFinnishFirst, kFinnishLast, 3},
    {NameOrigin::kBritish, kBritishFirst, kBritishLast, 8},
    {NameOrigin::kGerman, kGermanFirst, kGermanLast, 8},
    {NameOrigin::kDutch, kDutchFirst, kDutchLast, 4},
    {NameOrigin::kAmerican, kAmericanFirst, kAmericanLast, 6},
    {NameOrigin::kIndian, kIndianFirst, kIndianLast, 14},
    {NameOrigin::kChinese, kChineseFirst, kChineseLast, 8},
    {NameOrigin::kPolish, kPolishFirst, kPolishLast, 12},
    {NameOrigin::kFrench, kFrenchFirst, kFrenchLast, 5},
    {NameOrigin::kSpanish, kSpanishFirst, kSpanishLast, 5},
};

// ---- Geography -------------------------------------------------------------------

constexpr Country kCountries[] = {
    {"NO", NameOrigin::kNorwegian, 0.86, "AS", true, true},
    {"SE", NameOrigin::kSwedish, 0.80, "AB", true, false},
    {"DK", NameOrigin::kDanish, 0.82, "A/S", true, false},
    {"FI", NameOrigin::kFinnish, 0.85, "Oy", true, false},
    {"GB", NameOrigin::kBritish, 0.72, "Ltd", false, false},
    {"DE", NameOrigin::kGerman, 0.80, "GmbH", false, false},
    {"NL", NameOrigin::kDutch, 0.78, "B.V.", false, false},
    {"US", NameOrigin::kAmerican, 0.62, "Inc.", false, false},
    {"IN", NameOrigin::kIndian, 0.97, "Pvt Ltd", false, false},
    {"CN", NameOrigin::kChinese, 0.97, "Co., Ltd.", false, false},
    {"PL", NameOrigin::kPolish, 0.92, "Sp. z o.o.", false, false},
    {"FR", NameOrigin::kFrench, 0.82, "SAS", false, false},
    {"ES", NameOrigin::kSpanish, 0.85, "S.L.", false, false},
    {"SG", NameOrigin::kChinese, 0.55, "Pte Ltd", false, false},
    {"CH", NameOrigin::kGerman, 0.70, "AG", false, false},
};

constexpr City kCities[] = {
    {"Oslo", "NO", 20},         {"Bergen", "NO", 8},        {"Trondheim", "NO", 6.5},
    {"Stavanger", "NO", 5.5},   {"Bærum", "NO", 2.5},       {"Kristiansand", "NO", 3},
    {"Drammen", "NO", 2.2},     {"Asker", "NO", 1.5},       {"Lillestrøm", "NO", 1.5},
    {"Fredrikstad", "NO", 1.6}, {"Sandnes", "NO", 1.6},     {"Tromsø", "NO", 2.2},
    {"Ålesund", "NO", 1.4},     {"Bodø", "NO", 1.1},        {"Tønsberg", "NO", 1.0},
    {"Haugesund", "NO", 0.9},   {"Sandefjord", "NO", 0.8},  {"Moss", "NO", 0.7},
    {"Arendal", "NO", 0.7},     {"Hamar", "NO", 0.8},       {"Lillehammer", "NO", 0.6},
    {"Gjøvik", "NO", 0.5},      {"Kongsberg", "NO", 0.8},   {"Molde", "NO", 0.6},
    {"Harstad", "NO", 0.4},     {"Narvik", "NO", 0.3},      {"Alta", "NO", 0.3},
    {"Førde", "NO", 0.3},       {"Steinkjer", "NO", 0.3},   {"Mo i Rana", "NO", 0.3},
    {"Stockholm", "SE", 3.5},   {"Gothenburg", "SE", 1.6},  {"Malmö", "SE", 0.8},
    {"Uppsala", "SE", 0.4},     {"Copenhagen", "DK", 2.4},  {"Aarhus", "DK", 0.6},
    {"Helsinki", "FI", 1.2},    {"Espoo", "FI", 0.3},       {"London", "GB", 3.0},
    {"Aberdeen", "GB", 0.6},    {"Manchester", "GB", 0.5},  {"Edinburgh", "GB", 0.4},
    {"Berlin", "DE", 1.2},      {"Munich", "DE", 0.8},      {"Hamburg", "DE", 0.6},
    {"Amsterdam", "NL", 1.0},   {"Rotterdam", "NL", 0.4},   {"New York", "US", 1.4},
    {"San Francisco", "US", 1.0}, {"Houston", "US", 0.6},   {"Seattle", "US", 0.5},
    {"Boston", "US", 0.4},      {"Bangalore", "IN", 1.2},   {"Mumbai", "IN", 0.5},
    {"Pune", "IN", 0.4},        {"Hyderabad", "IN", 0.4},   {"Shanghai", "CN", 0.5},
    {"Beijing", "CN", 0.4},     {"Shenzhen", "CN", 0.3},    {"Warsaw", "PL", 0.6},
    {"Gdańsk", "PL", 0.4},      {"Kraków", "PL", 0.3},      {"Paris", "FR", 0.7},
    {"Barcelona", "ES", 0.4},   {"Madrid", "ES", 0.3},      {"Singapore", "SG", 0.4},
    {"Zürich", "CH", 0.4},
};

// ---- Industries ------------------------------------------------------------------

constexpr sv kSoftwareWords[] = {"Data", "Software", "Labs", "Digital", "Tech"};
constexpr sv kItServicesWords[] = {"IT", "Consulting", "Systems", "Solutions"};
constexpr sv kInternetWords[] = {"Online", "Web", "Digital"};
constexpr sv kOilWords[] = {"Energy", "Offshore", "Petroleum", "Drilling"};
constexpr sv kRenewableWords[] = {"Kraft", "Wind", "Solar", "Hydro"};
constexpr sv kBankingWords[] = {"Bank", "Sparebank", "Capital"};
constexpr sv kFinancialWords[] = {"Finans", "Invest", "Capital", "Fintech"};
constexpr sv kInsuranceWords[] = {"Forsikring", "Insurance", "Assurance"};
constexpr sv kTelecomWords[] = {"Telecom", "Networks", "Connect"};
constexpr sv kMediaWords[] = {"Media", "Studio", "Publishing"};
constexpr sv kConstructionWords[] = {"Bygg", "Entreprenør", "Construction"};
constexpr sv kCivilWords[] = {"Engineering", "Rådgivning", "Prosjekt"};
constexpr sv kMaritimeWords[] = {"Maritime", "Marine", "Subsea"};
constexpr sv kShippingWords[] = {"Shipping", "Rederi", "Tankers"};
constexpr sv kSeafoodWords[] = {"Seafood", "Havbruk", "Fisk"};
constexpr sv kResearchWords[] = {"Research", "Institute", "Innovation"};
constexpr sv kHigherEducationWords[] = {"Academy", "College", "Learning"};
constexpr sv kGovernmentWords[] = {"Kommune", "Direktoratet", "Agency"};
constexpr sv kHealthWords[] = {"Helse", "Klinikk", "Medical", "Care"};
constexpr sv kPharmaWords[] = {"Pharma", "Bio", "Therapeutics"};
constexpr sv kRetailWords[] = {"Retail", "Handel", "Store"};
constexpr sv kConsumerWords[] = {"Brands", "Products", "Design"};
constexpr sv kAutomotiveWords[] = {"Motors", "Automotive", "Mobility"};
constexpr sv kDefenseWords[] = {"Defence", "Aerospace", "Space"};
constexpr sv kConsultingWords[] = {"Partners", "Advisory", "Management"};
constexpr sv kAccountingWords[] = {"Regnskap", "Revisjon", "Accounting"};
constexpr sv kLogisticsWords[] = {"Logistikk", "Logistics", "Transport", "Freight"};
constexpr sv kAirlineWords[] = {"Air", "Aviation", "Airlines"};
constexpr sv kChemicalsWords[] = {"Chemicals", "Kjemi", "Materials"};
constexpr sv kMiningWords[] = {"Metals", "Mining", "Minerals"};
constexpr sv kSemiconductorWords[] = {"Semiconductors", "Microsystems", "Photonics"};
constexpr sv kGamesWords[] = {"Games", "Interactive", "Play"};
constexpr sv kFoodWords[] = {"Foods", "Bakeri", "Meieri"};
constexpr sv kAutomationWords[] = {"Automation", "Robotics", "Controls"};
constexpr sv kLegalWords[] = {"Advokatfirma", "Law", "Legal"};
constexpr sv kRealEstateWords[] = {"Eiendom", "Property", "Real Estate"};
constexpr sv kArchitectureWords[] = {"Arkitekter", "Architects", "Design Studio"};

constexpr Industry kIndustries[] = {
    {"Software", 9, kSoftwareWords, "programvarebransjen", "software teams"},
    {"IT Services", 9, kItServicesWords, "IT-konsulentene", "IT consultancies"},
    {"Internet", 2.5, kInternetWords, "nettselskapene", "internet companies"},
    {"Oil & Energy", 6, kOilWords, "olje- og gassnæringen", "the oil and gas industry"},
    {"Renewable Energy", 3, kRenewableWords, "kraftbransjen", "the power sector"},
    {"Banking", 4, kBankingWords, "norske banker", "banks"},
    {"Financial Services", 3, kFinancialWords, "finansnæringen", "financial services"},
    {"Insurance", 2, kInsuranceWords, "forsikringsbransjen", "insurers"},
    {"Telecommunications", 2.5, kTelecomWords, "telekombransjen", "telecom operators"},
    {"Media", 2, kMediaWords, "norske medier", "newsrooms"},
    {"Construction", 5, kConstructionWords, "byggenæringen", "the construction industry"},
    {"Civil Engineering", 4, kCivilWords, "rådgivende ingeniører", "engineering consultancies"},
    {"Maritime", 3, kMaritimeWords, "maritim næring", "the maritime industry"},
    {"Shipping", 2, kShippingWords, "norske rederier", "shipowners"},
    {"Seafood", 2, kSeafoodWords, "havbruksnæringen", "the seafood industry"},
    {"Research", 2, kResearchWords, "forskningsinstituttene", "research institutes"},
    {"Higher Education", 3, kHigherEducationWords, "universitetene", "universities"},
    {"Government Administration", 6, kGovernmentWords, "offentlig sektor", "the public sector"},
    {"Hospital & Health Care", 7, kHealthWords, "helsetjenesten", "health care"},
    {"Pharmaceuticals", 1.5, kPharmaWords, "legemiddelindustrien", "the pharmaceutical industry"},
    {"Retail", 4, kRetailWords, "varehandelen", "retailers"},
    {"Consumer Goods", 2, kConsumerWords, "merkevarebransjen", "consumer brands"},
    {"Automotive", 1.5, kAutomotiveWords, "bilbransjen", "carmakers"},
    {"Defense & Space", 1, kDefenseWords, "forsvarsindustrien", "the defence industry"},
    {"Management Consulting", 3, kConsultingWords, "konsulentbransjen", "consultancies"},
    {"Accounting", 2, kAccountingWords, "revisorene", "auditors"},
    {"Logistics", 2.5, kLogisticsWords, "logistikkbransjen", "logistics companies"},
    {"Airlines", 1, kAirlineWords, "luftfarten", "airlines"},
    {"Chemicals", 1, kChemicalsWords, "prosessindustrien", "the process industry"},
    {"Mining & Metals", 1, kMiningWords, "metallindustrien", "the metals industry"},
    {"Semiconductors", 0.7, kSemiconductorWords, "halvlederbransjen", "chipmakers"},
    {"Games", 0.7, kGamesWords, "spillbransjen", "game studios"},
    {"Food Production", 2, kFoodWords, "matindustrien", "food producers"},
    {"Industrial Automation", 2, kAutomationWords, "industrien", "manufacturers"},
    {"Legal Services", 1.5, kLegalWords, "advokatbransjen", "law firms"},
    {"Real Estate", 1.5, kRealEstateWords, "eiendomsbransjen", "property developers"},
    {"Architecture", 1, kArchitectureWords, "arkitektkontorene", "architecture practices"},
};

// ---- Professions and titles --------------------------------------------------------

constexpr sv kSoftwareJunior[] = {"Junior utvikler", "Graduate Software Engineer",
                                  "Systemutvikler", "Utvikler", "IT-konsulent"};
constexpr sv kSoftwareMid[] = {"Software Engineer",  "Backend Developer", "Frontend Developer",
                               "Data Engineer",      "DevOps Engineer",   "Data Scientist",
                               "Machine Learning Engineer", "Product Manager", "Utvikler",
                               "Software Engineer",  "Fullstack-utvikler", "Site Reliability Engineer"};
constexpr sv kSoftwareSenior[] = {"Senior Software Engineer", "Tech Lead",  "Principal Engineer",
                                  "Solution Architect",       "Engineering Manager", "CTO",
                                  "Senior utvikler",          "Head of Data", "Produktsjef",
                                  "Senior Product Manager"};
constexpr sv kEngineeringJunior[] = {"Ingeniør", "Graduate Engineer", "Trainee",
                                     "Ingeniør", "Junior Engineer"};
constexpr sv kEngineeringMid[] = {"Sivilingeniør",     "Prosessingeniør",   "Maskiningeniør",
                                  "Elektroingeniør",   "Byggingeniør",      "Subsea Engineer",
                                  "Reservoir Engineer", "Automation Engineer",
                                  "Rådgivende ingeniør", "Mechanical Engineer", "Sivilingeniør",
                                  "Engineer"};
constexpr sv kEngineeringSenior[] = {"Senior ingeniør", "Senior Engineer",   "Prosjektleder",
                                     "Fagleder",        "Lead Engineer",     "Teknisk direktør",
                                     "Project Manager", "Senior sivilingeniør"};
constexpr sv kBusinessJunior[] = {"Trainee", "Analytiker", "Business Analyst", "Junior Consultant",
                                  "Konsulent"};
constexpr sv kBusinessMid[] = {"Rådgiver",   "Consultant", "Konsulent", "Controller",
                               "Økonom",     "Financial Analyst", "Revisor", "Regnskapsfører",
                               "Prosjektleder"};
constexpr sv kBusinessSenior[] = {"Seniorrådgiver", "Senior Consultant", "Manager",
                                  "Partner",        "Økonomisjef",       "CFO",
                                  "Daglig leder",   "Avdelingsleder",    "CEO"};
constexpr sv kSalesJunior[] = {"Salgskonsulent", "Sales Representative",
                               "Kundeservicemedarbeider", "Marketing Coordinator"};
constexpr sv kSalesMid[] = {"Account Manager", "Key Account Manager", "Marketing Manager",
                            "Markedsfører",    "Customer Success Manager", "Salgsrådgiver"};
constexpr sv kSalesSenior[] = {"Sales Manager", "Salgssjef",     "Markedssjef",
                               "Head of Sales", "Daglig leder",  "Commercial Director"};
constexpr sv kHealthJunior[] = {"Sykepleier", "Turnuslege", "Helsefagarbeider"};
constexpr sv kHealthMid[] = {"Lege", "Spesialsykepleier", "Fysioterapeut", "Nurse", "Psykolog"};
constexpr sv kHealthSenior[] = {"Overlege", "Avdelingssjef", "Chief Physician"};
constexpr sv kResearchJunior[] = {"Stipendiat", "PhD Candidate", "Research Assistant"};
constexpr sv kResearchMid[] = {"Forsker", "Research Scientist", "Postdoc", "Førsteamanuensis",
                               "Lecturer"};
constexpr sv kResearchSenior[] = {"Seniorforsker", "Professor", "Research Director",
                                  "Forskningssjef"};
constexpr sv kLawJunior[] = {"Advokatfullmektig", "Trainee Lawyer"};
constexpr sv kLawMid[] = {"Advokat", "Jurist", "Lawyer", "Legal Counsel"};
constexpr sv kLawSenior[] = {"Partner", "Senior Legal Counsel", "General Counsel"};
constexpr sv kMediaJunior[] = {"Journalist", "Designer", "Junior Designer"};
constexpr sv kMediaMid[] = {"UX Designer", "Grafisk designer", "Redaktør", "Content Manager",
                            "Arkitekt"};
constexpr sv kMediaSenior[] = {"Ansvarlig redaktør", "Design Lead", "Creative Director",
                               "Sivilarkitekt"};
constexpr sv kPublicJunior[] = {"Saksbehandler", "Konsulent", "Førstekonsulent"};
constexpr sv kPublicMid[] = {"Rådgiver", "Lærer", "Seniorkonsulent", "Policy Advisor"};
constexpr sv kPublicSenior[] = {"Seniorrådgiver", "Avdelingsdirektør", "Rektor",
                                "Kommunedirektør"};
constexpr sv kOperationsJunior[] = {"Operatør", "Lagermedarbeider", "Matros", "Elektriker",
                                    "Tømrer"};
constexpr sv kOperationsMid[] = {"Logistikkoordinator", "Innkjøper", "Skipsfører",
                                 "Maritime Officer",    "Produksjonsleder",
                                 "Supply Chain Analyst"};
constexpr sv kOperationsSenior[] = {"Logistikksjef", "Operations Manager", "Driftssjef",
                                    "Supply Chain Manager", "Produksjonsdirektør"};

constexpr sv kSoftwareIndustries[] = {"Software", "IT Services", "Internet", "Telecommunications",
                                      "Games", "Banking", "Financial Services"};
constexpr sv kEngineeringIndustries[] = {
    "Oil & Energy", "Renewable Energy", "Civil Engineering", "Construction",
    "Maritime", "Industrial Automation", "Defense & Space", "Automotive",
    "Chemicals", "Mining & Metals", "Semiconductors"};
constexpr sv kBusinessIndustries[] = {"Management Consulting", "Accounting", "Banking",
                                      "Financial Services", "Insurance", "Retail",
                                      "Consumer Goods", "Real Estate"};
constexpr sv kSalesIndustries[] = {"Retail", "Consumer Goods", "Software", "Telecommunications",
                                   "Logistics", "Food Production"};
constexpr sv kHealthIndustries[] = {"Hospital & Health Care", "Pharmaceuticals"};
constexpr sv kResearchIndustries[] = {"Research", "Higher Education", "Pharmaceuticals"};
constexpr sv kLawIndustries[] = {"Legal Services", "Government Administration", "Banking"};
constexpr sv kMediaIndustries[] = {"Media", "Internet", "Games", "Architecture"};
constexpr sv kPublicIndustries[] = {"Government Administration", "Higher Education",
                                    "Hospital & Health Care"};
constexpr sv kOperationsIndustries[] = {"Logistics", "Shipping", "Seafood", "Airlines",
                                        "Food Production", "Construction", "Maritime"};

constexpr sv kSoftwareTopics[] = {"cloud", "machine learning", "digitalisering", "data quality",
                                  "open source", "platform engineering", "AI"};
constexpr sv kEngineeringTopics[] = {"energy transition", "offshore wind", "subsea",
                                     "sikkerhet", "bærekraft", "automation", "HMS"};
constexpr sv kBusinessTopics[] = {"strategy", "fintech", "ledelse", "bærekraft",
                                  "growth", "ESG", "økonomistyring"};
constexpr sv kSalesTopics[] = {"customer experience", "salg", "marketing", "growth",
                               "partnerships"};
constexpr sv kHealthTopics[] = {"patient safety", "helse", "e-health", "public health"};
constexpr sv kResearchTopics[] = {"research funding", "open science", "AI", "climate",
                                  "forskning"};
constexpr sv kLawTopics[] = {"GDPR", "contract law", "compliance", "personvern"};
constexpr sv kMediaTopics[] = {"design", "storytelling", "journalistikk", "UX"};
constexpr sv kPublicTopics[] = {"digitalisering", "offentlig sektor", "education", "policy"};
constexpr sv kOperationsTopics[] = {"supply chain", "logistikk", "lean", "sikkerhet", "shipping"};

constexpr Profession kProfessions[] = {
    {"software", 16, {kSoftwareJunior, kSoftwareMid, kSoftwareSenior}, kSoftwareIndustries,
     kSoftwareTopics},
    {"engineering", 16, {kEngineeringJunior, kEngineeringMid, kEngineeringSenior},
     kEngineeringIndustries, kEngineeringTopics},
    {"business", 16, {kBusinessJunior, kBusinessMid, kBusinessSenior}, kBusinessIndustries,
     kBusinessTopics},
    {"sales", 12, {kSalesJunior, kSalesMid, kSalesSenior}, kSalesIndustries, kSalesTopics},
    {"health", 10, {kHealthJunior, kHealthMid, kHealthSenior}, kHealthIndustries, kHealthTopics},
    {"research", 4, {kResearchJunior, kResearchMid, kResearchSenior}, kResearchIndustries,
     kResearchTopics},
    {"law", 3, {kLawJunior, kLawMid, kLawSenior}, kLawIndustries, kLawTopics},
    {"media", 5, {kMediaJunior, kMediaMid, kMediaSenior}, kMediaIndustries, kMediaTopics},
    {"public", 8, {kPublicJunior, kPublicMid, kPublicSenior}, kPublicIndustries, kPublicTopics},
    {"operations", 10, {kOperationsJunior, kOperationsMid, kOperationsSenior},
     kOperationsIndustries, kOperationsTopics},
};

// ---- Education ---------------------------------------------------------------------

constexpr Field kFields[] = {
    {"Computer Science", "Informatikk", "software", kTechnical | kGeneral, 10},
    {"Data Science", "Datateknologi", "software", kTechnical | kGeneral, 4},
    {"Cybernetics and Robotics", "Kybernetikk og robotikk", "engineering", kTechnical, 2},
    {"Civil Engineering", "Bygg- og miljøteknikk", "engineering", kTechnical, 4},
    {"Mechanical Engineering", "Maskinteknikk", "engineering", kTechnical, 4},
    {"Electrical Engineering", "Elektronisk systemdesign og innovasjon", "engineering",
     kTechnical, 3},
    {"Petroleum Engineering", "Petroleumsfag", "engineering", kTechnical, 2},
    {"Marine Technology", "Marin teknikk", "engineering", kTechnical, 2},
    {"Chemical Engineering", "Kjemiteknikk", "engineering", kTechnical, 2},
    {"Industrial Economics", "Industriell økonomi og teknologiledelse", "business", kTechnical,
     3},
    {"Economics", "Samfunnsøkonomi", "business", kBusiness | kGeneral, 5},
    {"Business Administration", "Økonomi og administrasjon", "business", kBusiness | kGeneral,
     10},
    {"Finance", "Finans", "business", kBusiness, 4},
    {"Marketing", "Markedsføring", "sales", kBusiness, 4},
    {"Law", "Rettsvitenskap", "law", kGeneral, 3},
    {"Medicine", "Medisin", "health", kGeneral, 3},
    {"Nursing", "Sykepleie", "health", kGeneral, 5},
    {"Psychology", "Psykologi", "health", kGeneral, 2},
    {"Physics", "Fysikk", "research", kTechnical | kGeneral, 1.5},
    {"Mathematics", "Matematikk", "research", kTechnical | kGeneral, 1.5},
    {"Biology", "Biologi", "research", kGeneral, 1.5},
    {"Journalism", "Journalistikk", "media", kGeneral, 1.5},
    {"Interaction Design", "Interaksjonsdesign", "media", kTechnical | kGeneral, 1.5},
    {"Architecture", "Arkitektur", "media", kTechnical, 1},
    {"Political Science", "Statsvitenskap", "public", kGeneral, 2},
    {"Teacher Education", "Lektorutdanning", "public", kGeneral, 3},
    {"Logistics", "Logistikk og supply chain management", "operations", kBusiness | kGeneral, 2},
    {"Nautical Science", "Nautikk", "operations", kTechnical | kGeneral, 1.5},
};

constexpr uint8_t kTech = kTechnical, kBiz = kBusiness, kGen = kGeneral;

constexpr School kSchools[] = {
    {"NTNU", "NO", kTech | kGen, 12},
    {"Universitetet i Oslo (UiO)", "NO", kGen, 10},
    {"Universitetet i Bergen (UiB)", "NO", kGen, 6},
    {"BI Norwegian Business School", "NO", kBiz, 7},
    {"NHH Norwegian School of Economics", "NO", kBiz, 3},
    {"UiT Norges arktiske universitet", "NO", kTech | kGen, 3},
    {"OsloMet – storbyuniversitetet", "NO", kTech | kGen, 5},
    {"Universitetet i Stavanger (UiS)", "NO", kTech | kGen, 3},
    {"Universitetet i Agder (UiA)", "NO", kTech | kGen, 2},
    {"NMBU", "NO", kTech | kGen, 1.5},
    {"Høgskulen på Vestlandet", "NO", kTech | kGen, 2.5},
    {"Nord universitet", "NO", kGen, 1},
    {"Høyskolen Kristiania", "NO", kBiz | kGen, 2},
    {"Universitetet i Sørøst-Norge", "NO", kTech | kGen, 1.5},
    {"KTH Royal Institute of Technology", "SE", kTech, 3},
    {"Chalmers University of Technology", "SE", kTech, 2},
    {"Lund University", "SE", kGen | kTech, 2},
    {"Stockholm School of Economics", "SE", kBiz, 1},
    {"Uppsala University", "SE", kGen, 1.5},
    {"DTU – Technical University of Denmark", "DK", kTech, 2},
    {"Copenhagen Business School", "DK", kBiz, 1.5},
    {"University of Copenhagen", "DK", kGen, 2},
    {"Aarhus University", "DK", kGen, 1},
    {"Aalto University", "FI", kTech | kBiz, 1.5},
    {"University of Helsinki", "FI", kGen, 1.5},
    {"Imperial College London", "GB", kTech, 2},
    {"University of Cambridge", "GB", kTech | kGen, 1.5},
    {"University of Oxford", "GB", kGen, 1.5},
    {"University of Edinburgh", "GB", kGen, 1},
    {"London School of Economics", "GB", kBiz, 1},
    {"University of Aberdeen", "GB", kTech | kGen, 0.8},
    {"TU München", "DE", kTech, 1.5},
    {"RWTH Aachen University", "DE", kTech, 1},
    {"Humboldt-Universität zu Berlin", "DE", kGen, 0.8},
    {"TU Delft", "NL", kTech, 1.5},
    {"University of Amsterdam", "NL", kGen, 1},
    {"MIT", "US", kTech, 1},
    {"Stanford University", "US", kTech | kGen | kBiz, 1},
    {"UC Berkeley", "US", kTech | kGen, 0.8},
    {"Carnegie Mellon University", "US", kTech, 0.6},
    {"Harvard University", "US", kGen | kBiz, 0.8},
    {"Columbia University", "US", kGen | kBiz, 0.5},
    {"IIT Bombay", "IN", kTech, 1},
    {"IIT Delhi", "IN", kTech, 0.8},
    {"IISc Bangalore", "IN", kTech, 0.6},
    {"Anna University", "IN", kTech | kGen, 0.8},
    {"Tsinghua University", "CN", kTech, 1},
    {"Peking University", "CN", kGen, 0.8},
    {"Fudan University", "CN", kGen | kBiz, 0.6},
    {"Warsaw University of Technology", "PL", kTech, 0.8},
    {"Jagiellonian University", "PL", kGen, 0.5},
    {"École Polytechnique", "FR", kTech, 0.5},
    {"Sorbonne Université", "FR", kGen, 0.5},
    {"HEC Paris", "FR", kBiz, 0.4},
    {"Universitat Politècnica de Catalunya", "ES", kTech, 0.5},
    {"Universidad Complutense de Madrid", "ES", kGen, 0.5},
    {"National University of Singapore", "SG", kTech | kGen | kBiz, 0.6},
    {"ETH Zürich", "CH", kTech, 1},
};

// ---- Companies ---------------------------------------------------------------------

constexpr KnownCompany kKnownCompanies[] = {
    {"Equinor", "Oil & Energy", "NO", 60},
    {"Aker BP", "Oil & Energy", "NO", 15},
    {"Aker Solutions", "Oil & Energy", "NO", 20},
    {"Vår Energi", "Oil & Energy", "NO", 8},
    {"Statkraft", "Renewable Energy", "NO", 20},
    {"Hafslund", "Renewable Energy", "NO", 8},
    {"DNB", "Banking", "NO", 45},
    {"SpareBank 1", "Banking", "NO", 20},
    {"Nordea", "Banking", "FI", 25},
    {"Storebrand", "Insurance", "NO", 12},
    {"Gjensidige", "Insurance", "NO", 12},
    {"Vipps MobilePay", "Financial Services", "NO", 6},
    {"Telenor", "Telecommunications", "NO", 35},
    {"Telia", "Telecommunications", "SE", 20},
    {"Ericsson", "Telecommunications", "SE", 30},
    {"Nokia", "Telecommunications", "FI", 25},
    {"Schibsted", "Media", "NO", 20},
    {"NRK", "Media", "NO", 12},
    {"Amedia", "Media", "NO", 8},
    {"Kongsberg Gruppen", "Defense & Space", "NO", 30},
    {"Nammo", "Defense & Space", "NO", 8},
    {"Kongsberg Maritime", "Maritime", "NO", 20},
    {"DNV", "Maritime", "NO", 20},
    {"Wilhelmsen", "Shipping", "NO", 10},
    {"Maersk", "Shipping", "DK", 25},
    {"Hurtigruten", "Shipping", "NO", 5},
    {"Cognite", "Software", "NO", 10},
    {"Visma", "Software", "NO", 25},
    {"Kahoot!", "Software", "NO", 5},
    {"Opera", "Software", "NO", 5},
    {"Spotify", "Software", "SE", 15},
    {"Klarna", "Financial Services", "SE", 15},
    {"SAP", "Software", "DE", 25},
    {"Microsoft", "Software", "US", 40},
    {"Google", "Internet", "US", 40},
    {"Amazon", "Internet", "US", 40},
    {"Meta", "Internet", "US", 20},
    {"Finn.no", "Internet", "NO", 6},
    {"Booking.com", "Internet", "NL", 15},
    {"Zalando", "Retail", "DE", 15},
    {"Alibaba", "Internet", "CN", 25},
    {"Tencent", "Internet", "CN", 25},
    {"Huawei", "Telecommunications", "CN", 30},
    {"Bouvet", "IT Services", "NO", 10},
    {"Sopra Steria", "IT Services", "NO", 10},
    {"Tietoevry", "IT Services", "FI", 20},
    {"Knowit", "IT Services", "SE", 10},
    {"Capgemini", "IT Services", "FR", 20},
    {"Accenture", "IT Services", "US", 30},
    {"Infosys", "IT Services", "IN", 40},
    {"Tata Consultancy Services", "IT Services", "IN", 45},
    {"Wipro", "IT Services", "IN", 30},
    {"SINTEF", "Research", "NO", 15},
    {"NORCE", "Research", "NO", 6},
    {"Norconsult", "Civil Engineering", "NO", 15},
    {"Multiconsult", "Civil Engineering", "NO", 12},
    {"COWI", "Civil Engineering", "DK", 15},
    {"Sweco", "Civil Engineering", "SE", 15},
    {"AF Gruppen", "Construction", "NO", 12},
    {"Veidekke", "Construction", "NO", 15},
    {"Skanska", "Construction", "SE", 20},
    {"Norsk Hydro", "Mining & Metals", "NO", 20},
    {"Elkem", "Chemicals", "NO", 8},
    {"Yara", "Chemicals", "NO", 15},
    {"Orkla", "Consumer Goods", "NO", 15},
    {"Tine", "Food Production", "NO", 10},
    {"Mowi", "Seafood", "NO", 15},
    {"Lerøy Seafood", "Seafood", "NO", 10},
    {"SalMar", "Seafood", "NO", 8},
    {"Posten Bring", "Logistics", "NO", 15},
    {"Norwegian Air Shuttle", "Airlines", "NO", 10},
    {"SAS", "Airlines", "SE", 12},
    {"Oslo universitetssykehus", "Hospital & Health Care", "NO", 30},
    {"Helse Bergen", "Hospital & Health Care", "NO", 20},
    {"St. Olavs hospital", "Hospital & Health Care", "NO", 15},
    {"NAV", "Government Administration", "NO", 25},
    {"Statens vegvesen", "Government Administration", "NO", 15},
    {"Skatteetaten", "Government Administration", "NO", 12},
    {"Oslo kommune", "Government Administration", "NO", 25},
    {"McKinsey & Company", "Management Consulting", "US", 10},
    {"Boston Consulting Group", "Management Consulting", "US", 8},
    {"Deloitte", "Accounting", "GB", 20},
    {"PwC", "Accounting", "GB", 20},
    {"EY", "Accounting", "GB", 18},
    {"KPMG", "Accounting", "NL", 15},
    {"Wikborg Rein", "Legal Services", "NO", 4},
    {"BAHR", "Legal Services", "NO", 4},
    {"Novo Nordisk", "Pharmaceuticals", "DK", 25},
    {"Vestas", "Renewable Energy", "DK", 20},
    {"Ørsted", "Renewable Energy", "DK", 20},
    {"Volvo Cars", "Automotive", "SE", 20},
    {"BMW", "Automotive", "DE", 25},
    {"Siemens", "Industrial Automation", "DE", 30},
    {"ABB", "Industrial Automation", "CH", 25},
    {"Shell", "Oil & Energy", "GB", 30},
    {"BP", "Oil & Energy", "GB", 25},
    {"ExxonMobil", "Oil & Energy", "US", 20},
    {"ASML", "Semiconductors", "NL", 20},
    {"Nordic Semiconductor", "Semiconductors", "NO", 10},
    {"Supercell", "Games", "FI", 5},
    {"H&M", "Retail", "SE", 25},
    {"IKEA", "Retail", "SE", 25},
    {"Rema 1000", "Retail", "NO", 15},
    {"Obos", "Real Estate", "NO", 8},
    {"Snøhetta", "Architecture", "NO", 5},
};

constexpr sv kNordicPrefixes[] = {"Nord", "Vest", "Sør",  "Øst",   "Fjord", "Fjell", "Hav",
                                  "Lys",  "Polar", "Stor", "Blå",  "Grønn", "Sol",   "Vind",
                                  "Berg", "Is",   "Stein", "Skog", "Elv",   "Tind",  "Kyst",
                                  "Saga", "Viking", "Aur", "Nova", "Klar",  "Frisk", "Lun",
                                  "Rask", "Ny"};
constexpr sv kNordicStems[] = {"tek",  "lab",  "kraft", "vik",  "dal",  "nes",  "heim",
                               "stad", "berg", "sund",  "by",   "fjord", "gard", "lia",
                               "holm", "li",   "vang",  "mo",   "ås",   "øy"};
constexpr sv kInternationalPrefixes[] = {
    "Blue",  "Bright", "North",   "Clear",  "Silver",  "Green",  "Red",    "Iron",
    "Summit", "Harbor", "Atlas",  "Apex",   "Vertex",  "Nova",   "Quantum", "Pioneer",
    "Beacon", "Crest",  "Delta",  "Orbit",  "Pixel",   "True",   "Swift",  "Prime",
    "Core",  "Open",   "Deep",    "Bold",   "Keystone", "Lumen"};
constexpr sv kInternationalStems[] = {"",     "point", "stone", "field", "bridge", "wave", "line",
                                      "gate", "works", "path",  "ridge", "light",  "forge",
                                      "stack", "scale", "sight", "way",  "link",   "spring",
                                      "grid"};

// ---- Text templates ---------------------------------------------------------------

constexpr sv kHeadlines[] = {
    "{title} at {company}",
    "{title} at {company} | {field}",
    "{title} | {topic} | {topic2}",
    "{title} – {industry}",
    "{title} at {company}, based in {city}",
};
constexpr sv kNorwegianHeadlines[] = {
    "{title} i {company}",
    "{title} hos {company}",
    "{title} | {field} fra {school}",
    "{title} i {company} – opptatt av {topic}",
};
constexpr sv kSummaries[] = {
    "{years} years of experience in {industry}. I work with {topic}, {topic2} and people.",
    "Erfaren {title} med bakgrunn fra {school}.\nBrenner for {topic} og {topic2}.",
    "Passionate about {topic}, {topic2}, and building great teams.\nBased in {city}.",
    "Motto: \"Leave the campsite better than you found it.\"\n{years} år med {topic}.",
    "I help teams at {company} with {topic}; before that, {years} years in {industry}.",
    "{field} from {school}. Curious, stubborn, and always learning about {topic}.",
    "Jobber med {topic} i {city}. Ta gjerne kontakt!",
};
constexpr sv kSpamNotes[] = {
    "Exclusive opportunity!!! Earn $5,000/week from home, reply \"YES\" today.",
    "Dear {first}, I have a business proposal for you. Kindly reply at once.",
    "Hi dear, you look nice, lets be friends :)",
    "Invest in crypto with me, 300% returns, guaranteed,\nno risk!",
    "Congratulations {first}! You have been selected for a \"VIP\" investor program.",
};
constexpr sv kSpamHeadlines[] = {"Entrepreneur | Investor | Crypto",
                                 "CEO & Founder", "Financial freedom coach",
                                 "Looking for opportunities"};
constexpr sv kEvents[] = {
    "Arendalsuka",  "ONS",        "NDC Oslo", "JavaZone", "Oslo Innovation Week",
    "Nor-Shipping", "Web Summit", "Slush",    "Aqua Nor", "Zero-konferansen"};

// ---- Topics ------------------------------------------------------------------------
// Areas name an industry (Industries()) or a profession (Professions()).

constexpr sv kShippingFinance[] = {
    "Shipping", "Banking", "Accounting", "Management Consulting", "Financial Services", "business"};
constexpr sv kShippingOps[] = {"Shipping", "Maritime", "operations"};
constexpr sv kShippingFuel[] = {"Shipping", "Maritime", "Chemicals"};
constexpr sv kShippingTech[] = {"Maritime", "Shipping", "Industrial Automation"};
constexpr sv kOilTech[] = {"Oil & Energy", "Chemicals", "engineering"};
constexpr sv kOilPower[] = {"Oil & Energy", "Renewable Energy"};
constexpr sv kWind[] = {"Renewable Energy", "Oil & Energy", "Maritime", "engineering"};
constexpr sv kPowerMarket[] = {"Renewable Energy", "Government Administration"};
constexpr sv kHydrogenAreas[] = {"Renewable Energy", "Chemicals", "Oil & Energy", "Automotive"};
constexpr sv kBankTech[] = {"Banking", "Financial Services", "software"};
constexpr sv kBankCompliance[] = {"Banking", "Financial Services", "Legal Services", "law"};
constexpr sv kFinance[] = {"Financial Services", "Banking", "Insurance"};
constexpr sv kClimateRisk[] = {"Insurance", "Banking", "Real Estate"};
constexpr sv kRates[] = {"Banking", "Real Estate", "Financial Services", "business"};
constexpr sv kCloud[] = {"Software", "IT Services", "software"};
constexpr sv kPlatform[] = {"Software", "Internet", "software"};
constexpr sv kLanguageModels[] = {"Software", "Internet", "IT Services", "software", "research"};
constexpr sv kDataQuality[] = {"Software", "IT Services", "Banking", "software", "business"};
constexpr sv kOpenSource[] = {"Software", "Internet", "software"};
constexpr sv kObservability[] = {"Software", "IT Services", "Telecommunications", "software"};
constexpr sv kAccessibility[] = {"Internet", "Government Administration", "media", "software"};
constexpr sv kZeroTrust[] = {"IT Services", "Telecommunications", "Defense & Space", "Banking"};
constexpr sv kTelecom[] = {"Telecommunications"};
constexpr sv kGameDesign[] = {"Games", "media"};
constexpr sv kJournalism[] = {"Media", "media"};
constexpr sv kSubscriptions[] = {"Media", "Internet"};
constexpr sv kPlainLanguage[] = {"Government Administration", "media", "public", "law"};
constexpr sv kTimber[] = {"Construction", "Architecture", "Civil Engineering"};
constexpr sv kSites[] = {"Construction", "Civil Engineering"};
constexpr sv kTwins[] = {"Industrial Automation", "Civil Engineering", "Oil & Energy",
                         "engineering"};
constexpr sv kSeafoodAreas[] = {"Seafood"};
constexpr sv kAquaculture[] = {"Seafood", "Maritime"};
constexpr sv kRentTax[] = {"Seafood", "Renewable Energy", "Accounting"};
constexpr sv kScience[] = {"Research", "Higher Education", "research"};
constexpr sv kTeaching[] = {"Higher Education", "public"};
constexpr sv kMunicipal[] = {"Government Administration", "IT Services", "public"};
constexpr sv kTrustReform[] = {"Government Administration", "Hospital & Health Care", "public"};
constexpr sv kProcurement[] = {"Government Administration", "Construction", "IT Services"};
constexpr sv kPatients[] = {"Hospital & Health Care", "health"};
constexpr sv kStaffing[] = {"Hospital & Health Care", "health", "public"};
constexpr sv kRadiology[] = {"Hospital & Health Care", "health", "Software"};
constexpr sv kTrials[] = {"Pharmaceuticals", "Hospital & Health Care", "Research"};
constexpr sv kCommerce[] = {"Retail", "Consumer Goods", "Logistics", "sales"};
constexpr sv kFoodWaste[] = {"Retail", "Food Production", "Consumer Goods"};
constexpr sv kCustomers[] = {"Retail", "Telecommunications", "Insurance", "sales"};
constexpr sv kSales[] = {"sales", "Software", "Industrial Automation"};
constexpr sv kCars[] = {"Automotive", "Renewable Energy"};
constexpr sv kSupplySecurity[] = {"Defense & Space", "Food Production", "Logistics",
                                  "Government Administration"};
constexpr sv kChange[] = {"Management Consulting", "business", "public"};
constexpr sv kAccountingAreas[] = {"Accounting", "Financial Services", "business"};
constexpr sv kLastMile[] = {"Logistics", "Retail", "operations"};
constexpr sv kSupplyChains[] = {"Logistics", "Consumer Goods", "Industrial Automation",
                                "operations"};
constexpr sv kAviation[] = {"Airlines"};
constexpr sv kBatteries[] = {"Mining & Metals", "Chemicals", "Automotive"};
constexpr sv kCircular[] = {"Chemicals", "Consumer Goods", "Mining & Metals", "Architecture"};
constexpr sv kChips[] = {"Semiconductors", "Automotive", "Industrial Automation"};
constexpr sv kMaintenance[] = {"Industrial Automation", "Oil & Energy", "Airlines", "engineering"};
constexpr sv kRobotics[] = {"Industrial Automation", "Automotive", "Food Production"};
constexpr sv kPrivacy[] = {"Legal Services", "law", "Internet", "Government Administration"};
constexpr sv kAiAct[] = {"Legal Services", "law", "Software"};
constexpr sv kHousing[] = {"Real Estate", "Banking", "Construction"};
constexpr sv kReuse[] = {"Architecture", "Real Estate", "Construction", "media"};
constexpr sv kLeadership[] = {"business", "public", "operations", "health"};
constexpr sv kHybrid[] = {"business", "software", "Management Consulting"};
constexpr sv kSafety[] = {"Oil & Energy", "Construction", "engineering", "operations"};
constexpr sv kLean[] = {"Food Production", "Industrial Automation", "operations"};
constexpr sv kUserResearch[] = {"media", "Internet", "Software"};
constexpr sv kBrands[] = {"Consumer Goods", "sales", "Media"};

constexpr Topic kTopics[] = {
    {"ESG-rapportering", "ESG reporting",
     "Kravene i CSRD gjør at vi må dokumentere utslipp per leveranse, ikke bare per år.",
     "CSRD means we must document emissions per delivery, not just per year.", kShippingFinance},
    {"grønn skipsfart", "green shipping",
     "Teknologien finnes; det som mangler, er kontrakter som deler risikoen mellom rederi og "
     "vareeier.",
     "The technology exists; what is missing are contracts that share the risk between "
     "shipowner and cargo owner.",
     kShippingOps},
    {"ammoniakk som drivstoff", "ammonia as fuel",
     "Ammoniakk gir ingen CO2 ved forbrenning, men sikkerheten om bord må løses før det kan "
     "skaleres.",
     "Ammonia burns without CO2, but safety on board has to be solved before it can scale.",
     kShippingFuel},
    {"autonome skip", "autonomous ships",
     "De første autonome fergene viser at det vanskeligste ikke er teknologien, men "
     "regelverket.",
     "The first autonomous ferries show that the hard part is not the technology but the "
     "regulations.",
     kShippingTech},
    {"karbonfangst", "carbon capture",
     "Selve fangsten er løst teknisk; det er transport og lagring som står for kostnadene og "
     "usikkerheten.",
     "Capture itself is solved; transport and storage are where the cost and the uncertainty "
     "are.",
     kOilTech},
    {"elektrifisering av sokkelen", "platform electrification",
     "Kraft fra land kutter utslipp offshore, men tar strøm fra et nett som allerede er presset.",
     "Power from shore cuts emissions offshore, but takes electricity from a grid that is "
     "already strained.",
     kOilPower},
    {"havvind", "offshore wind",
     "Flytende havvind blir ikke lønnsomt før vi industrialiserer produksjonen av understellene.",
     "Floating offshore wind will not pay off until we industrialise the production of the "
     "foundations.",
     kWind},
    {"kraftprisen", "power prices",
     "Prisforskjellene mellom nord og sør handler mer om nettkapasitet enn om produksjon.",
     "The price gap between north and south is more about grid capacity than about generation.",
     kPowerMarket},
    {"hydrogen", "hydrogen",
     "Grønt hydrogen gir mening der strøm ikke kan brukes direkte, som i stålproduksjon og "
     "tungtransport.",
     "Green hydrogen makes sense where electricity cannot be used directly, such as steel and "
     "heavy transport.",
     kHydrogenAreas},
    {"open banking", "open banking",
     "Når kundene deler kontodata på tvers av banker, vinner den som gir best råd, ikke den som "
     "har flest kunder.",
     "When customers share account data across banks, the winner is whoever gives the best "
     "advice, not whoever has the most customers.",
     kBankTech},
    {"antihvitvasking", "anti-money laundering",
     "De fleste varslene er falske positive; bedre datakvalitet hjelper mer enn flere regler.",
     "Most alerts are false positives; better data quality helps more than more rules.",
     kBankCompliance},
    {"bærekraftig finans", "sustainable finance",
     "Taksonomien har gjort bærekraft målbart, men også skapt mye rapportering uten effekt.",
     "The taxonomy has made sustainability measurable, but has also created a lot of reporting "
     "without effect.",
     kFinance},
    {"klimarisiko", "climate risk",
     "Forsikringsselskapene ser allerede virkningen av mer ekstremvær i skadetallene.",
     "Insurers already see the effect of more extreme weather in their claims figures.",
     kClimateRisk},
    {"rentenivået", "interest rates",
     "Høyere renter skiller selskaper med sunn drift fra dem som levde på billige lån.",
     "Higher interest rates separate companies with healthy operations from those that lived on "
     "cheap loans.",
     kRates},
    {"skymigrering", "cloud migration",
     "De fleste migreringer tar dobbelt så lang tid som planlagt, fordi ingen har kartlagt "
     "avhengighetene.",
     "Most migrations take twice as long as planned, because nobody has mapped the "
     "dependencies.",
     kCloud},
    {"plattformteam", "platform teams",
     "Et godt plattformteam måles på hvor lite de andre teamene må tenke på infrastruktur.",
     "A good platform team is measured by how little the other teams have to think about "
     "infrastructure.",
     kPlatform},
    {"språkmodeller", "language models",
     "Språkmodellene er gode på utkast og svake på fakta, så vi lar dem aldri svare kunder uten "
     "kontroll.",
     "Language models are good at drafts and weak on facts, so we never let them answer "
     "customers unchecked.",
     kLanguageModels},
    {"datakvalitet", "data quality",
     "Dårlig datakvalitet oppdages sjelden i dashbordet, men alltid i beslutningene.",
     "Poor data quality rarely shows in the dashboard, but always in the decisions.", kDataQuality},
    {"åpen kildekode", "open source",
     "Vi bruker åpen kildekode hver dag; i år begynte vi også å bidra tilbake.",
     "We use open source every day; this year we also started contributing back.", kOpenSource},
    {"observerbarhet", "observability",
     "Logger forteller hva som skjedde; gode metrikker forteller hvorfor, før kundene merker det.",
     "Logs tell you what happened; good metrics tell you why, before the customers notice.",
     kObservability},
    {"universell utforming", "accessibility",
     "Universell utforming er lovpålagt, men viktigere: det gjør tjenesten bedre for alle.",
     "Accessibility is required by law, but more importantly, it makes the service better for "
     "everyone.",
     kAccessibility},
    {"nulltillit", "zero trust",
     "Nulltillit handler mindre om produkter og mer om å vite hvem som har tilgang til hva.",
     "Zero trust is less about products and more about knowing who can access what.", kZeroTrust},
    {"5G-utbyggingen", "the 5G rollout",
     "Dekningen er på plass i byene; det er industrien og distriktene som venter.",
     "Coverage is in place in the cities; it is industry and rural areas that are waiting.",
     kTelecom},
    {"spilldesign", "game design",
     "De beste spillene vi har laget, startet som en prototype på papir.",
     "The best games we have made started as a paper prototype.", kGameDesign},
    {"lokaljournalistikk", "local journalism",
     "Lokalavisene er ofte de eneste som følger kommunestyret tett.",
     "Local newspapers are often the only ones following the council closely.", kJournalism},
    {"digitale abonnement", "digital subscriptions",
     "Leserne betaler for det de ikke finner andre steder, ikke for flere saker.",
     "Readers pay for what they cannot find elsewhere, not for more stories.", kSubscriptions},
    {"klarspråk", "plain language",
     "Et brev ingen forstår, er et brev som skaper nye henvendelser.",
     "A letter nobody understands is a letter that creates new enquiries.", kPlainLanguage},
    {"massivtre", "mass timber",
     "Massivtre kutter utslipp i byggefasen, men krever at vi planlegger annerledes fra første "
     "skisse.",
     "Mass timber cuts emissions during construction, but requires planning differently from the "
     "first sketch.",
     kTimber},
    {"utslippsfrie byggeplasser", "zero-emission construction sites",
     "Elektriske gravemaskiner fungerer; utfordringen er å få nok strøm fram til byggeplassen.",
     "Electric excavators work; the challenge is getting enough power to the site.", kSites},
    {"digitale tvillinger", "digital twins",
     "En digital tvilling er bare verdifull hvis noen faktisk bruker den til å ta beslutninger.",
     "A digital twin is only valuable if someone actually uses it to make decisions.", kTwins},
    {"lakselus", "salmon lice",
     "Nye metoder mot lakselus må måles på fiskevelferd, ikke bare på antall lus.",
     "New methods against sea lice must be judged on fish welfare, not just on lice counts.",
     kSeafoodAreas},
    {"havbruk til havs", "offshore aquaculture",
     "Havbruk til havs gir plass til vekst, men krever teknologi fra olje og gass.",
     "Offshore aquaculture makes room for growth, but needs technology from oil and gas.",
     kAquaculture},
    {"grunnrenteskatten", "resource rent tax",
     "Skatten endrer hvor vi investerer, og det merkes først i lokalsamfunnene langs kysten.",
     "The tax changes where we invest, and the coastal communities feel it first.", kRentTax},
    {"åpen forskning", "open science",
     "Når data og kode deles, blir resultatene lettere å etterprøve og bygge videre på.",
     "When data and code are shared, results are easier to check and to build on.", kScience},
    {"forskningsfinansiering", "research funding",
     "Søknadsskriving tar for mye av tiden som burde gått til forskning.",
     "Writing applications takes too much of the time that should go to research.", kScience},
    {"KI i undervisningen", "AI in teaching",
     "Studentene bruker allerede KI; spørsmålet er om vi lærer dem å bruke den godt.",
     "Students already use AI; the question is whether we teach them to use it well.", kTeaching},
    {"digitalisering i kommunene", "municipal digitalisation",
     "De beste digitale tjenestene i kommunene ble laget sammen med dem som skal bruke dem.",
     "The best digital services in municipalities were built together with the people who use "
     "them.",
     kMunicipal},
    {"tillitsreformen", "the trust reform",
     "Mindre detaljstyring gir bedre tjenester, men bare når lederne tør å gi slipp.",
     "Less micromanagement gives better services, but only when leaders dare to let go.",
     kTrustReform},
    {"offentlige anskaffelser", "public procurement",
     "Gode anskaffelser starter med å beskrive behovet, ikke løsningen.",
     "Good procurement starts by describing the need, not the solution.", kProcurement},
    {"pasientsikkerhet", "patient safety",
     "De fleste uønskede hendelser skyldes systemer, ikke enkeltpersoner.",
     "Most adverse events are caused by systems, not by individuals.", kPatients},
    {"bemanning i helsetjenesten", "health care staffing",
     "Vi utdanner nok sykepleiere; utfordringen er å beholde dem.",
     "We train enough nurses; the challenge is keeping them.", kStaffing},
    {"KI i radiologi", "AI in radiology",
     "KI finner funn raskt, men radiologen må fortsatt avgjøre hva de betyr.",
     "AI spots findings quickly, but the radiologist still has to decide what they mean.",
     kRadiology},
    {"kliniske studier", "clinical trials",
     "Norge har gode helseregistre, men for få pasienter får være med i studier.",
     "Norway has excellent health registries, yet too few patients get to take part in trials.",
     kTrials},
    {"netthandel", "e-commerce", "Det er returene som avgjør om netthandelen er lønnsom.",
     "Returns decide whether e-commerce is profitable.", kCommerce},
    {"matsvinn", "food waste",
     "En tredjedel av maten vi lager, blir aldri spist, og mye av svinnet skjer før den når "
     "butikken.",
     "A third of the food we produce is never eaten, and much of the waste happens before it "
     "reaches the shop.",
     kFoodWaste},
    {"kundeopplevelsen", "customer experience",
     "Kundene husker ikke kampanjen, men de husker hvordan vi løste problemet deres.",
     "Customers do not remember the campaign, but they remember how we solved their problem.",
     kCustomers},
    {"bedriftssalg", "B2B sales",
     "Kjøperne har gjort mesteparten av undersøkelsene før de snakker med en selger.",
     "Buyers have done most of their research before they talk to a salesperson.", kSales},
    {"elbiler", "electric vehicles",
     "Nesten alle nye biler er elektriske; nå handler det om lading for dem uten egen garasje.",
     "Nearly all new cars are electric; now it is about charging for those without a garage.",
     kCars},
    {"forsyningssikkerhet", "security of supply", "Beredskap koster, men mangel koster mer.",
     "Preparedness costs money, but shortages cost more.", kSupplySecurity},
    {"endringsledelse", "change management",
     "Endringer feiler sjelden på planen, men ofte på kommunikasjonen.",
     "Changes rarely fail on the plan, but often on the communication.", kChange},
    {"automatisert regnskap", "automated accounting",
     "Automatiseringen tar bilagene; revisoren får mer tid til vurderingene.",
     "Automation takes care of the vouchers; the auditor gets more time for judgement.",
     kAccountingAreas},
    {"siste mil", "last-mile delivery",
     "Den siste biten fram til kunden står for over halvparten av fraktkostnaden.",
     "The last stretch to the customer accounts for more than half of the delivery cost.",
     kLastMile},
    {"forsyningskjeder", "supply chains",
     "Robuste forsyningskjeder har flere leverandører, ikke bare billigere.",
     "Resilient supply chains have more suppliers, not just cheaper ones.", kSupplyChains},
    {"bærekraftig flydrivstoff", "sustainable aviation fuel",
     "Drivstoffet finnes, men det er for lite av det, og det koster for mye.",
     "The fuel exists, but there is too little of it, and it costs too much.", kAviation},
    {"batterimaterialer", "battery materials",
     "Europa har fabrikkene på tegnebrettet, men mangler råvarene.",
     "Europe has the factories on the drawing board, but lacks the raw materials.", kBatteries},
    {"sirkulær økonomi", "circular economy",
     "Det mest bærekraftige produktet er det som varer lenger.",
     "The most sustainable product is the one that lasts longer.", kCircular},
    {"brikkemangel", "chip shortages", "Mangelen lærte oss at lager ikke alltid er sløsing.",
     "The shortage taught us that inventory is not always waste.", kChips},
    {"prediktivt vedlikehold", "predictive maintenance",
     "Sensordata er verdiløse til noen på verkstedet stoler på dem.",
     "Sensor data is worthless until someone in the workshop trusts it.", kMaintenance},
    {"industrirobotikk", "industrial robotics",
     "Robotene tar de tunge løftene; operatørene blir viktigere, ikke mindre viktige.",
     "Robots take the heavy lifting; operators become more important, not less.", kRobotics},
    {"personvern", "data protection",
     "Godt personvern er ikke en juridisk sjekkliste, men god design.",
     "Good data protection is not a legal checklist but good design.", kPrivacy},
    {"KI-forordningen", "AI Act compliance",
     "Forordningen treffer flere virksomheter enn de fleste tror, også dem som bare kjøper KI.",
     "The regulation affects more companies than most think, including those that only buy AI.",
     kAiAct},
    {"boligmarkedet", "the housing market",
     "Det bygges for lite der folk vil bo, og det merkes først blant de unge.",
     "Too little is built where people want to live, and the young feel it first.", kHousing},
    {"gjenbruk av bygg", "building reuse", "Det grønneste bygget er ofte det som allerede står.",
     "The greenest building is often the one that is already standing.", kReuse},
    {"god ledelse", "good leadership", "Gode ledere bruker mer tid på å lytte enn på å snakke.",
     "Good leaders spend more time listening than talking.", kLeadership},
    {"hybridarbeid", "hybrid work",
     "Kontoret må være et sted folk vil komme til, ikke et sted de må være.",
     "The office must be a place people want to come to, not a place they have to be.", kHybrid},
    {"HMS-kultur", "safety culture",
     "En god sikkerhetskultur måles i hvor mange som sier fra, ikke i antall skader.",
     "A good safety culture is measured by how many speak up, not by the number of injuries.",
     kSafety},
    {"lean produksjon", "lean manufacturing", "Lean handler om å fjerne sløsing, ikke folk.",
     "Lean is about removing waste, not people.", kLean},
    {"brukerinnsikt", "user research",
     "Fem samtaler med brukere lærer oss mer enn femti interne møter.",
     "Five conversations with users teach us more than fifty internal meetings.", kUserResearch},
    {"merkevarebygging", "brand building",
     "En sterk merkevare er summen av alle de små løftene vi holder.",
     "A strong brand is the sum of all the small promises we keep.", kBrands},
};

// ---- Venues ------------------------------------------------------------------------

constexpr sv kSoftwareVenue[] = {"software", "Software", "IT Services", "Internet"};
constexpr sv kArendalsuka[] = {
    "public",           "business",           "Government Administration",
    "Renewable Energy", "Oil & Energy",       "Hospital & Health Care",
    "Banking",          "Financial Services", "Higher Education",
    "Research"};
constexpr sv kShippingVenue[] = {"Shipping", "Maritime"};
constexpr sv kEnergyVenue[] = {"Oil & Energy", "Renewable Energy", "Maritime", "engineering"};
constexpr sv kInnovationVenue[] = {"software", "business", "Internet", "Software",
                                   "Financial Services"};
constexpr sv kSeafoodVenue[] = {"Seafood", "Food Production"};
constexpr sv kHealthVenue[] = {"Hospital & Health Care", "health", "Pharmaceuticals"};
constexpr sv kPublicVenue[] = {"Government Administration", "public", "IT Services"};
constexpr sv kClimateVenue[] = {"Renewable Energy", "Construction", "Automotive", "Oil & Energy",
                                "Architecture"};
constexpr sv kResearchVenue[] = {"Research", "Higher Education", "research"};
constexpr sv kStartupVenue[] = {"software", "business", "Software", "Internet"};
constexpr sv kBusinessMedia[] = {"business",     "Banking",          "Financial Services",
                                 "Oil & Energy", "Renewable Energy", "Shipping",
                                 "Real Estate"};
constexpr sv kTechnicalMedia[] = {"engineering",  "software",          "Industrial Automation",
                                  "Construction", "Civil Engineering", "Telecommunications"};
constexpr sv kNewsMedia[] = {"business", "Management Consulting", "law",        "Legal Services",
                             "Retail",   "Consumer Goods",        "Real Estate"};
constexpr sv kBusinessCourse[] = {"business", "sales", "Management Consulting", "Accounting"};
constexpr sv kTechnicalCourse[] = {"engineering", "software", "research"};
constexpr sv kProfessionalCourse[] = {"engineering", "software", "law", "public"};

using enum Cadence;
constexpr Venue kVenues[] = {
    {"JavaZone", "talk", "Oslo Spektrum", "https://javazone.no", 9, 10, kYearly, true,
     kSoftwareVenue},
    {"NDC Oslo", "talk", "Oslo Spektrum", "https://ndcoslo.com", 5, 21, kYearly, false,
     kSoftwareVenue},
    {"Arendalsuka", "talk", "Arendal", "https://arendalsuka.no", 8, 12, kYearly, true,
     kArendalsuka},
    {"Nor-Shipping", "talk", "Norges varemesse, Lillestrøm", "https://nor-shipping.com", 6, 2,
     kOddYears, false, kShippingVenue},
    {"ONS", "talk", "Stavanger Forum", "https://ons.no", 8, 24, kEvenYears, false, kEnergyVenue},
    {"Oslo Innovation Week", "talk", "Oslo", "https://oiw.no", 9, 22, kYearly, false,
     kInnovationVenue},
    {"Aqua Nor", "talk", "Trondheim Spektrum", "https://aquanor.no", 8, 18, kOddYears, false,
     kSeafoodVenue},
    {"Sjømatdagene", "talk", "Hell", "", 1, 15, kYearly, true, kSeafoodVenue},
    {"HelsIT", "talk", "Trondheim", "", 9, 24, kYearly, true, kHealthVenue},
    {"NOKIOS", "talk", "Trondheim", "https://nokios.no", 10, 28, kYearly, true, kPublicVenue},
    {"Zero-konferansen", "talk", "Oslo", "https://zero.no", 11, 12, kYearly, true, kClimateVenue},
    {"Forskningsdagene", "talk", "", "https://forskningsdagene.no", 9, 20, kYearly, true,
     kResearchVenue},
    {"Web Summit", "talk", "Lisboa", "https://websummit.com", 11, 10, kYearly, false,
     kStartupVenue},
    {"Slush", "talk", "Helsinki", "https://slush.org", 11, 19, kYearly, false, kStartupVenue},
    {"NRK Dagsnytt 18", "media", "NRK Marienlyst", "https://tv.nrk.no", 0, 0, kYearly, true, {}},
    {"E24-podden", "media", "", "https://e24.no", 0, 0, kYearly, true, kBusinessMedia},
    {"Teknisk Ukeblad", "media", "", "https://www.tu.no", 0, 0, kYearly, true, kTechnicalMedia},
    {"Dagens Næringsliv", "media", "", "https://www.dn.no", 0, 0, kYearly, true, kNewsMedia},
    {"BI Executive", "course", "BI, Nydalen", "https://www.bi.no", 0, 0, kYearly, true,
     kBusinessCourse},
    {"NTNU Videre", "course", "Trondheim", "https://www.ntnu.no/videre", 0, 0, kYearly, true,
     kTechnicalCourse},
    {"Tekna", "course", "Oslo", "https://www.tekna.no", 0, 0, kYearly, true, kProfessionalCourse},
};

// ---- Posts, comments, appearances ----------------------------------------------------

constexpr PostTemplate kPostTemplates[] = {
    {"Hva {topic} betyr for {audience}",
     "{point}\n\nFor {audience} betyr det at {topic} ikke lenger er et sideprosjekt, men en del "
     "av kjernevirksomheten. Hvordan ser dere på det?",
     "What {topic} means for {audience}",
     "{point}\n\nFor {audience}, {topic} is no longer a side project but part of the core "
     "business. How do you see it?"},
    {"{n} ting jeg har lært om {topic}",
     "Etter flere år med {topic} sitter jeg igjen med {n} lærdommer. Den viktigste først: "
     "{point}\n\nDe andre handler om folk: lytt til dem som gjør jobben, og mål før du endrer.",
     "{n} things I have learned about {topic}",
     "After years of working with {topic}, I have {n} lessons. The most important first: "
     "{point}\n\nThe rest are about people: listen to those doing the work, and measure before "
     "you change."},
    {"Tanker om {topic} etter {event}",
     "Kort oppsummert fra {event}: {topic} var det alle ville snakke om. {point}\n\nTakk til "
     "alle som stoppet og diskuterte!",
     "Notes on {topic} from {event}",
     "A short summary from {event}: {topic} was what everyone wanted to talk about. "
     "{point}\n\nThanks to everyone who stopped by to discuss!"},
    {"Slik jobber vi med {topic} i {company}",
     "I {company} har vi jobbet målrettet med {topic} det siste året. {point}\n\nVi deler gjerne "
     "erfaringer, så ta kontakt om dere står midt i det samme.",
     "How we work with {topic} at {company}",
     "At {company}, we have worked hard on {topic} this past year. {point}\n\nHappy to share "
     "what we learned, so get in touch if you are in the middle of the same."},
    {"Er {topic} overvurdert?",
     "Jeg får ofte spørsmål om {topic}, så her er svaret mitt: {point}\n\nEnig eller uenig? "
     "Skriv gjerne hva du mener.",
     "Is {topic} overrated?",
     "I am often asked about {topic}, so here is my answer: {point}\n\nAgree or disagree? Let me "
     "know what you think."},
    {"Vi ansetter: {title} med erfaring innen {topic}",
     "Teamet vårt i {city} søker en ny kollega som kan mye om {topic}. {point}\n\nSend meg en "
     "melding, eller søk via lenken.",
     "We are hiring: {title} with experience in {topic}",
     "Our team in {city} is looking for a new colleague who knows {topic}. {point}\n\nSend me "
     "a message, or apply through the link."},
};

constexpr sv kNorwegianComments[] = {
    "Godt skrevet om {topic}, {first}!",
    "Enig, og særlig i det du skriver om {topic}.",
    "Interessant! Hvordan måler dere effekten av arbeidet med {topic}?",
    "Takk for deling. Vi ser det samme i {company}.",
    "Dette tar jeg med meg.\nTakk for deling!",
};
constexpr sv kEnglishComments[] = {
    "Well put, {first}!",
    "Great point on {topic}. We see the same at {company}.",
    "Interesting – how do you measure the effect of your work on {topic}?",
    "\"Spot on\" – especially the part about {topic}.",
    "Thanks for sharing.\nAgreed: {topic} is hard, but worth it.",
};
constexpr sv kNorwegianGamedComments[] = {"Flott innlegg, {first}!", "Så bra! 👏", "Helt enig!"};
constexpr sv kEnglishGamedComments[] = {"Great post, {first}!", "Love this! 👏", "So true!"};

constexpr sv kTalkTitlesNorwegian[] = {
    "Erfaringer med {topic} i {company}",
    "Hva {audience} kan lære om {topic}",
    "Fra pilot til drift: {topic} i praksis",
    "Paneldebatt: veien videre for {topic}",
};
constexpr sv kTalkTitlesEnglish[] = {
    "What {company} learned about {topic}",
    "What {audience} can learn about {topic}",
    "From pilot to production: {topic} in practice",
    "Panel: the road ahead for {topic}",
};
constexpr sv kMediaTitlesNorwegian[] = {"Debatt om {topic}", "Intervju om {topic}",
                                        "Gjest i studio: {topic}"};
constexpr sv kMediaTitlesEnglish[] = {"Debate on {topic}", "Interview on {topic}",
                                      "Studio guest on {topic}"};
constexpr sv kCourseTitlesNorwegian[] = {"Kurs: {topic} i praksis", "Innføring i {topic}",
                                         "Masterclass: {topic}"};
constexpr sv kCourseTitlesEnglish[] = {"Course: {topic} in practice", "An introduction to {topic}",
                                       "Masterclass: {topic}"};

// ---- Invitation notes ----------------------------------------------------------------

constexpr sv kSharedSchoolNorwegian[] = {
    "Hei {first}! Vi har begge studert ved {school}, så det er hyggelig å holde kontakten."};
constexpr sv kSharedSchoolEnglish[] = {"Hi {first},\nwe both studied at {school}. Let's connect!"};
constexpr sv kSharedEmployerNorwegian[] = {
    "Hei {first}! Vi har begge jobbet i {company}. Holder gjerne kontakten."};
constexpr sv kSharedEmployerEnglish[] = {
    "Hi {first} – we have both worked at {company}. Stay in touch?"};
constexpr sv kSameWorkNorwegian[] = {
    "Hei {first}, jeg jobber også med {topic}. Vil gjerne koble meg på nettverket ditt."};
constexpr sv kSameWorkEnglish[] = {"Hi {first}, I work with {topic} too. Good to be connected!"};
constexpr sv kGenericNorwegian[] = {
    "Hei {first}! Vi møttes på {event}. Kunne vært hyggelig å holde kontakten.",
    "Hei {first}, jeg utvider nettverket mitt i {city} og ville gjerne ha deg med.",
};
constexpr sv kGenericEnglish[] = {
    "Hello {first}, I'm building a network of \"{topic}\" people; join me?",
    "Hi {first}, we met at {event}. Let's stay in touch.",
};
constexpr sv kPostClaimsNorwegian[] = {
    "Hei {first}! Leste innlegget ditt om {topic} og kjente meg igjen. Vil gjerne holde "
    "kontakten.",
    "Takk for innlegget om {topic}, {first}. Veldig treffende!",
};
constexpr sv kPostClaimsEnglish[] = {
    "Hi {first}, I read your post on {topic}. Spot on, and I would love to connect.",
    "Thanks for your post about {topic}, {first}. Very much what we see too.",
};
constexpr sv kTalkClaimsNorwegian[] = {
    "Hei {first}! Hørte foredraget ditt på {event}. Takk for gode poeng om {topic}."};
constexpr sv kTalkClaimsEnglish[] = {
    "Hi {first}, I heard your talk at {event}. Great points on {topic}!"};
constexpr sv kMediaClaimsNorwegian[] = {"Så intervjuet med deg i {event} om {topic}. Godt sagt!"};
constexpr sv kMediaClaimsEnglish[] = {"Saw your interview on {event} about {topic}. Well said!"};
constexpr sv kCourseClaimsNorwegian[] = {"Takk for et nyttig kurs om {topic} på {event}, {first}!"};
constexpr sv kCourseClaimsEnglish[] = {
    "Thanks for a useful course on {topic} at {event}, {first}!"};
constexpr sv kSpamPostClaims[] = {
    "Hi {first}, loved your post about {topic}! I have an exclusive offer for you, reply today."};
constexpr sv kSpamTalkClaims[] = {
    "Dear {first}, your talk at {event} was so inspiring. Kindly reply for a business proposal."};
constexpr sv kClaimWords[] = {
    "post",      "innlegg",   "artikkel", "article",     "blog",        "blogg", "talk",
    "foredrag",  "presentas", "keynote",  "podcast",     "webinar",     "kurs",  "course",
    "interview", "intervju",  "lecture",  "forelesning", "paneldebatt", "panel",
};

}  // namespace

std::span<const NameList> NameLists() { return kNameLists; }
std::span<const Country> Countries() { return kCountries; }
std::span<const City> Cities() { return kCities; }
std::span<const Industry> Industries() { return kIndustries; }
std::span<const Profession> Professions() { return kProfessions; }
std::span<const Field> Fields() { return kFields; }
std::span<const School> Schools() { return kSchools; }
std::span<const KnownCompany> KnownCompanies() { return kKnownCompanies; }
std::span<const std::string_view> NordicNamePrefixes() { return kNordicPrefixes; }
std::span<const std::string_view> NordicNameStems() { return kNordicStems; }
std::span<const std::string_view> InternationalNamePrefixes() { return kInternationalPrefixes; }
std::span<const std::string_view> InternationalNameStems() { return kInternationalStems; }
std::span<const Topic> Topics() { return kTopics; }
std::span<const Venue> Venues() { return kVenues; }
std::span<const std::string_view> HeadlineTemplates() { return kHeadlines; }
std::span<const std::string_view> NorwegianHeadlineTemplates() { return kNorwegianHeadlines; }
std::span<const std::string_view> SummaryTemplates() { return kSummaries; }
std::span<const std::string_view> SpamNoteTemplates() { return kSpamNotes; }
std::span<const std::string_view> SpamHeadlines() { return kSpamHeadlines; }
std::span<const std::string_view> Events() { return kEvents; }
std::span<const PostTemplate> PostTemplates() { return kPostTemplates; }
std::span<const std::string_view> CommentTemplates(bool norwegian) {
  return norwegian ? std::span<const sv>(kNorwegianComments) : kEnglishComments;
}
std::span<const std::string_view> GamedCommentTemplates(bool norwegian) {
  return norwegian ? std::span<const sv>(kNorwegianGamedComments) : kEnglishGamedComments;
}
std::span<const std::string_view> AppearanceTitleTemplates(std::string_view kind, bool norwegian) {
  if (kind == "media") {
    return norwegian ? std::span<const sv>(kMediaTitlesNorwegian) : kMediaTitlesEnglish;
  }
  if (kind == "course") {
    return norwegian ? std::span<const sv>(kCourseTitlesNorwegian) : kCourseTitlesEnglish;
  }
  return norwegian ? std::span<const sv>(kTalkTitlesNorwegian) : kTalkTitlesEnglish;
}
std::span<const std::string_view> SharedSchoolNotes(bool norwegian) {
  return norwegian ? std::span<const sv>(kSharedSchoolNorwegian) : kSharedSchoolEnglish;
}
std::span<const std::string_view> SharedEmployerNotes(bool norwegian) {
  return norwegian ? std::span<const sv>(kSharedEmployerNorwegian) : kSharedEmployerEnglish;
}
std::span<const std::string_view> SameWorkNotes(bool norwegian) {
  return norwegian ? std::span<const sv>(kSameWorkNorwegian) : kSameWorkEnglish;
}
std::span<const std::string_view> GenericNotes(bool norwegian) {
  return norwegian ? std::span<const sv>(kGenericNorwegian) : kGenericEnglish;
}
std::span<const std::string_view> ClaimNotes(std::string_view kind, bool norwegian) {
  if (kind == "post") {
    return norwegian ? std::span<const sv>(kPostClaimsNorwegian) : kPostClaimsEnglish;
  }
  if (kind == "media") {
    return norwegian ? std::span<const sv>(kMediaClaimsNorwegian) : kMediaClaimsEnglish;
  }
  if (kind == "course") {
    return norwegian ? std::span<const sv>(kCourseClaimsNorwegian) : kCourseClaimsEnglish;
  }
  return norwegian ? std::span<const sv>(kTalkClaimsNorwegian) : kTalkClaimsEnglish;
}
std::span<const std::string_view> SpamClaimNotes(bool post) {
  return post ? std::span<const sv>(kSpamPostClaims) : kSpamTalkClaims;
}
std::span<const std::string_view> ClaimWords() { return kClaimWords; }

}  // namespace ledd::ingest::vocabulary
