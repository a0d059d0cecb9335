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
    {"Software", 9, kSoftwareWords},
    {"IT Services", 9, kItServicesWords},
    {"Internet", 2.5, kInternetWords},
    {"Oil & Energy", 6, kOilWords},
    {"Renewable Energy", 3, kRenewableWords},
    {"Banking", 4, kBankingWords},
    {"Financial Services", 3, kFinancialWords},
    {"Insurance", 2, kInsuranceWords},
    {"Telecommunications", 2.5, kTelecomWords},
    {"Media", 2, kMediaWords},
    {"Construction", 5, kConstructionWords},
    {"Civil Engineering", 4, kCivilWords},
    {"Maritime", 3, kMaritimeWords},
    {"Shipping", 2, kShippingWords},
    {"Seafood", 2, kSeafoodWords},
    {"Research", 2, kResearchWords},
    {"Higher Education", 3, kHigherEducationWords},
    {"Government Administration", 6, kGovernmentWords},
    {"Hospital & Health Care", 7, kHealthWords},
    {"Pharmaceuticals", 1.5, kPharmaWords},
    {"Retail", 4, kRetailWords},
    {"Consumer Goods", 2, kConsumerWords},
    {"Automotive", 1.5, kAutomotiveWords},
    {"Defense & Space", 1, kDefenseWords},
    {"Management Consulting", 3, kConsultingWords},
    {"Accounting", 2, kAccountingWords},
    {"Logistics", 2.5, kLogisticsWords},
    {"Airlines", 1, kAirlineWords},
    {"Chemicals", 1, kChemicalsWords},
    {"Mining & Metals", 1, kMiningWords},
    {"Semiconductors", 0.7, kSemiconductorWords},
    {"Games", 0.7, kGamesWords},
    {"Food Production", 2, kFoodWords},
    {"Industrial Automation", 2, kAutomationWords},
    {"Legal Services", 1.5, kLegalWords},
    {"Real Estate", 1.5, kRealEstateWords},
    {"Architecture", 1, kArchitectureWords},
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
constexpr sv kNotes[] = {
    "Hei {first}! Vi møttes på {event}. Kunne vært hyggelig å holde kontakten.",
    "Hi {first}, I saw your post about {topic}, and would love to connect.",
    "Hi {first},\nwe both studied at {school}. Let's connect!",
    "Hello {first}, I'm building a network of \"{topic}\" people; join me?",
    "Hei {first}, jeg jobber også med {topic}. Vil gjerne koble meg på nettverket ditt.",
    "Great talk at {event}, {first}!\nWould love to hear more about {topic}.",
    "Hi {first} – we met briefly at {company}. Stay in touch?",
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
constexpr sv kPostTitles[] = {
    "Lessons from {n} years in {industry}",
    "Vi ansetter! {title} i {city}",
    "Why {topic} matters",
    "Tanker om {topic}",
    "New role at {company}",
    "Proud of our team at {company}",
    "{n} things I learned about {topic}",
    "Hva {topic} betyr for {industry}",
};
constexpr sv kPostBodies[] = {
    "Today I want to share a few thoughts on {topic}.\nFirst, start small, measure, and "
    "iterate.\nSecond, talk to the people doing the work.",
    "Etter {n} år i {industry} har jeg lært én ting: {topic} handler om folk, ikke verktøy.",
    "We are hiring a {title} in {city}! Experience with {topic} and {topic2} is a plus.\nDM "
    "me, or apply through the link.",
    "Excited to share that I have started a new position at {company}, working on {topic}.",
    "Quick poll: is \"{topic}\" overhyped, underrated, or just right? Comments welcome.",
    "Fra {event}: mye snakk om {topic}, litt om {topic2}, og altfor lite om kaffe.",
};
constexpr sv kComments[] = {
    "Great post!",
    "Enig, godt skrevet.",
    "Thanks for sharing, {first}!",
    "Interesting, but what about {topic}?",
    "Gratulerer!",
    "Congrats on the new role, well deserved!",
    "\"Spot on\" – totally agree.",
    "Takk for deling.\nDette tar jeg med meg.",
};
constexpr sv kEvents[] = {"Arendalsuka", "ONS i Stavanger", "NDC Oslo", "JavaZone",
                          "Oslo Innovation Week", "Nor-Shipping", "Web Summit", "Slush",
                          "et meetup i Bergen", "Nordic AI Summit"};

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
std::span<const std::string_view> HeadlineTemplates() { return kHeadlines; }
std::span<const std::string_view> NorwegianHeadlineTemplates() { return kNorwegianHeadlines; }
std::span<const std::string_view> SummaryTemplates() { return kSummaries; }
std::span<const std::string_view> NoteTemplates() { return kNotes; }
std::span<const std::string_view> SpamNoteTemplates() { return kSpamNotes; }
std::span<const std::string_view> SpamHeadlines() { return kSpamHeadlines; }
std::span<const std::string_view> PostTitleTemplates() { return kPostTitles; }
std::span<const std::string_view> PostBodyTemplates() { return kPostBodies; }
std::span<const std::string_view> CommentTemplates() { return kComments; }
std::span<const std::string_view> Events() { return kEvents; }

}  // namespace ledd::ingest::vocabulary
