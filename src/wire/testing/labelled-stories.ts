/**
 * A labelled set of wire stories for choosing and checking the de-duplication thresholds, written in the
 * style of the Asharq Al-Awsat dump (samples/aawsat-sample.txt): eight events, each with
 * - `original`: the first story as the wire filed it;
 * - `update`: the same story refiled later in the day (new lead, figures moved on, paragraphs added or
 *   dropped), with the same or nearly the same headline;
 * - `correction`: the original with a fact corrected and the desk's correction line;
 * - `otherOutlet`: the same event told by another outlet in its own words (related, never a duplicate);
 * - `sameTopic`: a different story on the same beat, naming many of the same people and places (neither).
 * The first two events are the two sample stories. Labels are what an editor would say about each pair.
 */

export interface LabelledStory {
  headline: string;
  body: string[];
}

export interface LabelledEvent {
  name: string;
  original: LabelledStory;
  update: LabelledStory;
  correction: LabelledStory;
  otherOutlet: LabelledStory;
  sameTopic: LabelledStory;
}

export type PairLabel = 'update' | 'correction' | 'other-outlet' | 'same-topic' | 'unrelated';

export interface LabelledPair {
  label: PairLabel;
  event: string;
  first: LabelledStory;
  second: LabelledStory;
}

/** Versions of one story: an editor wants them flagged as near duplicates. */
export const DUPLICATE_LABELS: readonly PairLabel[] = ['update', 'correction'];
/** The same event, reported separately: linked as related, never flagged. */
export const RELATED_LABELS: readonly PairLabel[] = ['other-outlet'];

export const LABELLED_EVENTS: LabelledEvent[] = [
  {
    name: 'qayyarah-withdrawal',
    original: {
      headline: 'US Forces Withdraw from Iraq Air Base as Part of Redeployment Plan',
      body: [
        'US troops with the coalition fighting ISIS in Iraq on Thursday officially handed over the Qayyarah air base to the Iraqi military as part of their redeployment plan in the country.',
        '"All the forces from Q-West [Qayyarah Air Force Base] are withdrawing. About 500 soldiers are withdrawing. But not all our forces are going to be withdrawing from Iraq," Joint Operations Officer at the base General Vincent Barker said.',
        'In a statement, the General said: “Today marks another milestone for the anti-ISIS international military coalition and our Iraqi Security Forces partners.”',
        'He added that Thursday’s transfer was coordinated with the Iraqi government.',
        '“The coalition troops will depart Q-West base after the completion of equipment transfers to Iraqi Security Forces, in the coming days,” the statement said.',
        'The Qayyarah base is located around 60 km south of Mosul.',
        'A Nineveh Police Command source told the National Iraqi News Agency (NINA) that the American forces have handed over the base, during a ceremony, to the Iraqi forces and announced their full withdrawal from the base.',
        'The withdrawal came one week after the US-led coalition handed over the al-Qaim military base, on the Syrian border, to the ISF.',
      ],
    },
    update: {
      headline: 'US Forces Complete Withdrawal from Iraq’s Qayyarah Air Base as Part of Redeployment Plan',
      body: [
        'The last US troops left the Qayyarah air base south of Mosul on Friday, a day after the coalition fighting ISIS formally handed it over to the Iraqi military as part of its redeployment plan.',
        '"All the forces from Q-West [Qayyarah Air Force Base] are withdrawing. About 500 soldiers are withdrawing. But not all our forces are going to be withdrawing from Iraq," Joint Operations Officer at the base General Vincent Barker said on Thursday.',
        'In a statement, the General said: “Today marks another milestone for the anti-ISIS international military coalition and our Iraqi Security Forces partners.”',
        'An Iraqi officer at the base said the last convoy of about 40 vehicles drove north towards Erbil before dawn.',
        'The Qayyarah base is located around 60 km south of Mosul.',
        'A Nineveh Police Command source told the National Iraqi News Agency (NINA) that the American forces have handed over the base, during a ceremony, to the Iraqi forces and announced their full withdrawal from the base.',
        'The withdrawal came one week after the US-led coalition handed over the al-Qaim military base, on the Syrian border, to the ISF.',
        'Iraqi officials said the K1 base near Kirkuk would be the next to be handed over, possibly before the end of the month.',
      ],
    },
    correction: {
      headline: 'US Forces Withdraw from Iraq Air Base as Part of Redeployment Plan',
      body: [
        'US troops with the coalition fighting ISIS in Iraq on Thursday officially handed over the Qayyarah air base to the Iraqi military as part of their redeployment plan in the country.',
        '"All the forces from Q-West [Qayyarah Air Force Base] are withdrawing. About 300 soldiers are withdrawing. But not all our forces are going to be withdrawing from Iraq," Joint Operations Officer at the base General Vincent Barker said.',
        'In a statement, the General said: “Today marks another milestone for the anti-ISIS international military coalition and our Iraqi Security Forces partners.”',
        'He added that Thursday’s transfer was coordinated with the Iraqi government.',
        '“The coalition troops will depart Q-West base after the completion of equipment transfers to Iraqi Security Forces, in the coming days,” the statement said.',
        'The Qayyarah base is located around 60 km south of Mosul.',
        'A Nineveh Police Command source told the National Iraqi News Agency (NINA) that the American forces have handed over the base, during a ceremony, to the Iraqi forces and announced their full withdrawal from the base.',
        'The withdrawal came one week after the US-led coalition handed over the al-Qaim military base, on the Syrian border, to the ISF.',
        'This story corrects the number of soldiers leaving the base to about 300, not 500.',
      ],
    },
    otherOutlet: {
      headline: 'Coalition Hands Qayyarah Base to Iraqi Army',
      body: [
        'MOSUL, Iraq — American-led coalition forces transferred control of the Qayyarah air base, known to troops as Q-West, to the Iraqi army in a ceremony on Thursday.',
        'Brigadier General Vincent Barker told reporters that roughly 500 soldiers would leave the base, which lies about 60 km south of Mosul, but stressed that the coalition was not leaving Iraq altogether.',
        'The handover follows the transfer of the al-Qaim base near the Syrian border a week earlier and is part of a plan to consolidate coalition troops in fewer locations.',
        'Iraqi Staff Major General Mohammad Fadhel Abbas said the air force command would take over the entire site.',
      ],
    },
    sameTopic: {
      headline: 'Iraq Says It Is Ready to Secure Bases Vacated by Coalition',
      body: [
        'Iraq’s Joint Operations Command said on Sunday that its forces were ready to take over every base the US-led coalition plans to leave this year.',
        'A spokesman for the command said Iraqi Security Forces had trained for months to run the air defence and logistics systems at the sites, including Qayyarah and al-Qaim.',
        'Lawmakers from the Coordination Framework have pressed the government to set a timetable for the departure of all foreign troops.',
        'The coalition, which helped defeat ISIS in Mosul in 2017, says it will keep advisers in Erbil and Baghdad.',
      ],
    },
  },
  {
    name: 'larijani-baghdad',
    original: {
      headline: 'Regional Shifts Loom over Larijani’s Talks in Baghdad',
      body: [
        'Iran’s Supreme National Security Council Secretary Ali Larijani began a regional tour on Monday with a visit to Baghdad, holding talks with senior Iraqi officials and signing a memorandum of understanding on border security — though Iraq denied the deal amounted to a full security agreement.',
        'Larijani met Iraq’s National Security Adviser Qasim al-Araji, President Abdul Latif Rashid, and Prime Minister Mohammed Shia al-Sudani. The visit included the signing of a memorandum to coordinate border security, which Sudani oversaw.',
        'But an Iraqi security source told Asharq al-Awsat the deal was “only a memorandum of understanding, similar to dozens signed with other countries,” dismissing Larijani’s earlier comments to Iranian media that a formal security agreement had been prepared.',
        '“This visit is not a surprise as some outlets claimed — it was planned in advance,” the source said.',
        'The trip is Larijani’s first official foreign visit since returning to his post and will be followed by a stop in Lebanon.',
        '“We will meet many friends in Iraq from different political currents, listen to their views and share ideas for bilateral cooperation,” Larijani told Iranian media en route to Baghdad.',
        'Iranian Foreign Ministry spokesman Nasser Kanaani said the “sensitive circumstances” in the region required intensified consultations with regional states to safeguard peace and stability in West Asia.',
        'An Iraqi security source said talks also covered the security situation in the Middle East and arrangements linked to the Arbaeen pilgrimage, which has brought tens of thousands of Iranians to Iraq.',
      ],
    },
    update: {
      headline: 'Regional Shifts Loom over Larijani’s Talks in Baghdad and Najaf',
      body: [
        'Iran’s Supreme National Security Council Secretary Ali Larijani ended two days of talks in Iraq on Tuesday after visiting the holy city of Najaf, where aides said he did not meet Grand Ayatollah Ali al-Sistani.',
        'Larijani met Iraq’s National Security Adviser Qasim al-Araji, President Abdul Latif Rashid, and Prime Minister Mohammed Shia al-Sudani. The visit included the signing of a memorandum to coordinate border security, which Sudani oversaw.',
        'But an Iraqi security source told Asharq al-Awsat the deal was “only a memorandum of understanding, similar to dozens signed with other countries,” dismissing Larijani’s earlier comments to Iranian media that a formal security agreement had been prepared.',
        'The trip is Larijani’s first official foreign visit since returning to his post. He flew to Beirut on Tuesday afternoon.',
        '“We will meet many friends in Iraq from different political currents, listen to their views and share ideas for bilateral cooperation,” Larijani told Iranian media en route to Baghdad.',
        'An Iraqi security source said talks also covered the security situation in the Middle East and arrangements linked to the Arbaeen pilgrimage, which has brought tens of thousands of Iranians to Iraq.',
        'Sistani declined to receive Iranian President Masoud Pezeshkian during his September 2024 visit.',
      ],
    },
    correction: {
      headline: 'Regional Shifts Loom over Larijani’s Talks in Baghdad',
      body: [
        'Iran’s Supreme National Security Council Secretary Ali Larijani began a regional tour on Monday with a visit to Baghdad, holding talks with senior Iraqi officials and signing a memorandum of understanding on border security — though Iraq denied the deal amounted to a full security agreement.',
        'Larijani met Iraq’s National Security Adviser Qasim al-Araji, President Abdul Latif Rashid, and Prime Minister Mohammed Shia al-Sudani. The visit included the signing of a memorandum to coordinate border security, which Sudani oversaw.',
        'But an Iraqi security source told Asharq al-Awsat the deal was “only a memorandum of understanding, similar to dozens signed with other countries,” dismissing Larijani’s earlier comments to Iranian media that a formal security agreement had been prepared.',
        '“This visit is not a surprise as some outlets claimed — it was planned in advance,” the source said.',
        'The trip is Larijani’s first official foreign visit since returning to his post and will be followed by a stop in Lebanon.',
        '“We will meet many friends in Iraq from different political currents, listen to their views and share ideas for bilateral cooperation,” Larijani told Iranian media en route to Baghdad.',
        'Iranian Foreign Ministry spokesman Esmaeil Baghaei said the “sensitive circumstances” in the region required intensified consultations with regional states to safeguard peace and stability in West Asia.',
        'An Iraqi security source said talks also covered the security situation in the Middle East and arrangements linked to the Arbaeen pilgrimage, which has brought tens of thousands of Iranians to Iraq.',
        'Corrects the name of the Iranian Foreign Ministry spokesman in the seventh paragraph.',
      ],
    },
    otherOutlet: {
      headline: 'Iran’s Security Chief Signs Border Pact on Baghdad Visit',
      body: [
        'BAGHDAD — Ali Larijani, the secretary of Iran’s Supreme National Security Council, signed a border security memorandum with Iraq on Monday at the start of a tour that will also take him to Lebanon.',
        'Larijani held talks with Prime Minister Mohammed Shia al-Sudani and National Security Adviser Qasim al-Araji, Iraqi officials said.',
        'Iraqi officials played down the significance of the document, calling it “only a memorandum of understanding” rather than a security treaty.',
        'Tehran has sought to shore up its allies in Iraq as Washington presses Baghdad to rein in armed factions.',
      ],
    },
    sameTopic: {
      headline: 'Sudani Urges Armed Factions to Stay out of Regional Conflict',
      body: [
        'Iraqi Prime Minister Mohammed Shia al-Sudani on Wednesday urged armed factions to keep Iraq out of any regional war, days after a visit by Iran’s Ali Larijani.',
        'Speaking to tribal leaders in Baghdad, Sudani said decisions of war and peace belonged to the state alone.',
        'Members of the Coordination Framework have been divided over a draft law on the Popular Mobilization Forces, which lawmakers say has stalled under US pressure.',
        'National Security Adviser Qasim al-Araji is due in Washington next month for talks on the future of the coalition.',
      ],
    },
  },
  {
    name: 'riyadh-oil-output',
    original: {
      headline: 'Saudi Arabia to Extend Voluntary Oil Output Cut to End of Year',
      body: [
        'RIYADH — Saudi Arabia will extend its voluntary cut of 1 million barrels per day in crude production until the end of December, the Saudi Press Agency reported on Tuesday, citing an official at the Energy Ministry.',
        'The Kingdom’s production will stand at about 9 million barrels per day in October, November and December, the official said.',
        'The cut will be reviewed every month to consider deepening it or raising production, the official added.',
        'The decision comes on top of the cuts agreed by the OPEC+ group of producers in April, which run until the end of next year.',
        'Brent crude rose 1.2 percent to $90.10 a barrel after the announcement, its highest level since November.',
        'Russia said separately it would extend its own voluntary cut in exports of 300,000 barrels per day until the end of the year.',
      ],
    },
    update: {
      headline: 'Saudi Arabia Extends Voluntary Oil Output Cut to End of Year',
      body: [
        'RIYADH — Oil prices climbed above $90 a barrel for the first time this year on Tuesday after Saudi Arabia and Russia said they would extend voluntary supply cuts until the end of December.',
        'Saudi Arabia will keep its cut of 1 million barrels per day in crude production, the Saudi Press Agency reported, citing an official at the Energy Ministry.',
        'The Kingdom’s production will stand at about 9 million barrels per day in October, November and December, the official said.',
        'The cut will be reviewed every month to consider deepening it or raising production, the official added.',
        'Brent crude settled up 1.4 percent at $90.30 a barrel, while US crude gained 1.3 percent.',
        'Russia said separately it would extend its own voluntary cut in exports of 300,000 barrels per day until the end of the year.',
        'Analysts at two banks said the extension would leave the market short of supply in the fourth quarter.',
      ],
    },
    correction: {
      headline: 'Saudi Arabia to Extend Voluntary Oil Output Cut to End of Year',
      body: [
        'RIYADH — Saudi Arabia will extend its voluntary cut of 1 million barrels per day in crude production until the end of December, the Saudi Press Agency reported on Tuesday, citing an official at the Energy Ministry.',
        'The Kingdom’s production will stand at about 9 million barrels per day in October, November and December, the official said.',
        'The cut will be reviewed every month to consider deepening it or raising production, the official added.',
        'The decision comes on top of the cuts agreed by the OPEC+ group of producers in April, which run until the end of next year.',
        'Brent crude rose 1.2 percent to $90.10 a barrel after the announcement, its highest level since November last year.',
        'Russia said separately it would extend its own voluntary cut in exports of 300,000 barrels per day until the end of the year.',
        'An earlier version of this story misstated when Brent was last at this level.',
      ],
    },
    otherOutlet: {
      headline: 'Riyadh Keeps 1 Million Barrel Cut in Place Through December',
      body: [
        'Saudi Arabia said on Tuesday it would keep pumping about 9 million barrels per day through December, prolonging a voluntary 1 million barrel cut first made in July.',
        'The Energy Ministry official quoted by the Saudi Press Agency said the decision would be reviewed monthly.',
        'Moscow followed within minutes, saying it would hold its 300,000 barrel export reduction for the rest of the year.',
        'Brent crossed $90 on the news for the first time since November.',
      ],
    },
    sameTopic: {
      headline: 'OPEC+ Panel Keeps Production Policy Unchanged',
      body: [
        'RIYADH — A ministerial panel of OPEC+ kept the group’s production policy unchanged on Wednesday and said it would meet again in two months.',
        'The Joint Ministerial Monitoring Committee, co-chaired by Saudi Energy Minister Prince Abdulaziz bin Salman, praised the voluntary cuts made by Saudi Arabia and Russia.',
        'The committee said it would continue to assess market conditions and could hold additional meetings at any time.',
        'Brent crude was little changed at about $92 a barrel after the meeting.',
      ],
    },
  },
  {
    name: 'beirut-port-judge',
    original: {
      headline: 'Lebanon’s Beirut Port Blast Judge Resumes Investigation',
      body: [
        'BEIRUT — The judge investigating the 2020 Beirut port explosion resumed his work on Monday after a 13-month halt and charged eight more people, including the country’s top prosecutor, judicial sources said.',
        'Judge Tarek Bitar’s investigation had been frozen since December 2021 by a series of lawsuits filed by politicians he had sought to question.',
        'Among those charged on Monday were Public Prosecutor Ghassan Oweidat and the head of General Security, Major General Abbas Ibrahim, the sources said.',
        'More than 220 people were killed and thousands injured when hundreds of tons of ammonium nitrate stored at the port exploded on August 4, 2020.',
        'Relatives of the victims welcomed the move and called on the authorities not to obstruct the investigation again.',
        'No official has been held to account for the explosion, one of the largest non-nuclear blasts ever recorded.',
      ],
    },
    update: {
      headline: 'Lebanon’s Beirut Port Blast Judge Resumes Investigation, Releases Detainees',
      body: [
        'BEIRUT — The judge investigating the 2020 Beirut port explosion resumed his work on Monday after a 13-month halt, charged eight more people and ordered the release of five detainees held without trial, judicial sources said.',
        'Judge Tarek Bitar’s investigation had been frozen since December 2021 by a series of lawsuits filed by politicians he had sought to question.',
        'Among those charged on Monday were Public Prosecutor Ghassan Oweidat and the head of General Security, Major General Abbas Ibrahim, the sources said.',
        'Oweidat said late on Monday that Bitar had no authority to act and that his office would not carry out any of his decisions.',
        'More than 220 people were killed and thousands injured when hundreds of tons of ammonium nitrate stored at the port exploded on August 4, 2020.',
        'No official has been held to account for the explosion, one of the largest non-nuclear blasts ever recorded.',
      ],
    },
    correction: {
      headline: 'Lebanon’s Beirut Port Blast Judge Resumes Investigation',
      body: [
        'BEIRUT — The judge investigating the 2020 Beirut port explosion resumed his work on Monday after a 13-month halt and charged eight more people, including the country’s top prosecutor, judicial sources said.',
        'Judge Tarek Bitar’s investigation had been frozen since December 2021 by a series of lawsuits filed by politicians he had sought to question.',
        'Among those charged on Monday were Public Prosecutor Ghassan Oweidat and the former head of General Security, Major General Abbas Ibrahim, the sources said.',
        'More than 220 people were killed and thousands injured when hundreds of tons of ammonium nitrate stored at the port exploded on August 4, 2020.',
        'Relatives of the victims welcomed the move and called on the authorities not to obstruct the investigation again.',
        'No official has been held to account for the explosion, one of the largest non-nuclear blasts ever recorded.',
        'Corrects third paragraph to show Ibrahim is the former head of General Security.',
      ],
    },
    otherOutlet: {
      headline: 'Bitar Charges Top Prosecutor as Port Probe Restarts',
      body: [
        'Tarek Bitar, the Lebanese judge leading the inquiry into the August 4, 2020 port explosion, returned to the case on Monday and charged Public Prosecutor Ghassan Oweidat, according to judicial officials.',
        'The inquiry had stalled for 13 months under legal complaints brought by officials Bitar wanted to question.',
        'Families of the more than 220 victims have staged protests for months demanding the investigation go ahead.',
        'Major General Abbas Ibrahim was also among those charged, the officials said.',
      ],
    },
    sameTopic: {
      headline: 'Beirut Port Blast Victims’ Families March on Justice Palace',
      body: [
        'BEIRUT — Hundreds of relatives of victims of the Beirut port explosion marched to the Justice Palace on Thursday, demanding that the investigation led by Judge Tarek Bitar be allowed to continue.',
        'Protesters carried pictures of their loved ones and chanted against politicians they accuse of obstructing justice.',
        'Security forces used tear gas when some protesters tried to enter the building.',
        'The explosion at the port on August 4, 2020 killed more than 220 people and devastated large parts of the capital.',
      ],
    },
  },
  {
    name: 'amman-water-deal',
    original: {
      headline: 'Jordan and Syria Agree to Share Yarmouk River Water',
      body: [
        'AMMAN — Jordan and Syria agreed on Sunday to form a joint committee to manage the waters of the Yarmouk River after talks between their water ministers in Amman.',
        'Jordanian Water Minister Raed Abu Saud said the committee would study the flow of the river and the dams Syria has built on its tributaries.',
        'Jordan, one of the most water-scarce countries in the world, has long complained that Syria takes more than its share under a 1987 agreement.',
        'Syrian Water Resources Minister Tammam Raad said Damascus was ready to cooperate “in the interest of both peoples.”',
        'The Al-Wehda dam, built jointly on the river in 2006, has never been more than a quarter full.',
      ],
    },
    update: {
      headline: 'Jordan and Syria Agree to Share Yarmouk River Water, Set First Meeting',
      body: [
        'AMMAN — Jordan and Syria agreed on Sunday to form a joint committee to manage the waters of the Yarmouk River and said it would hold its first meeting in Damascus within a month.',
        'Jordanian Water Minister Raed Abu Saud said the committee would study the flow of the river and the dams Syria has built on its tributaries.',
        'Jordan has long complained that Syria takes more than its share under a 1987 agreement.',
        'Syrian Water Resources Minister Tammam Raad said Damascus was ready to cooperate “in the interest of both peoples.”',
        'The Al-Wehda dam, built jointly on the river in 2006, has never been more than a quarter full.',
        'A joint statement said the two sides would also look at sharing data from rain gauges in the Hauran plain.',
      ],
    },
    correction: {
      headline: 'Jordan and Syria Agree to Share Yarmouk River Water',
      body: [
        'AMMAN — Jordan and Syria agreed on Sunday to form a joint committee to manage the waters of the Yarmouk River after talks between their water ministers in Amman.',
        'Jordanian Water Minister Raed Abu Saud said the committee would study the flow of the river and the dams Syria has built on its tributaries.',
        'Jordan, one of the most water-scarce countries in the world, has long complained that Syria takes more than its share under a 1987 agreement.',
        'Syrian Water Resources Minister Tammam Raad said Damascus was ready to cooperate “in the interest of both peoples.”',
        'The Al-Wehda dam, built jointly on the river in 2004, has never been more than a quarter full.',
        'Corrects year the dam was built to 2004 in the fifth paragraph.',
      ],
    },
    otherOutlet: {
      headline: 'Amman, Damascus Form Committee on Yarmouk Waters',
      body: [
        'Jordanian and Syrian water ministers said in Amman on Sunday they would set up a joint committee on the Yarmouk River, whose flow into Jordan has dwindled for years.',
        'Raed Abu Saud, Jordan’s minister, said experts would survey the dams built upstream in Syria.',
        'The Al-Wehda dam on the border has rarely been more than a quarter full since it opened.',
        'Tammam Raad, the Syrian minister, pledged cooperation.',
      ],
    },
    sameTopic: {
      headline: 'Jordan Launches Tender for Aqaba-Amman Desalination Project',
      body: [
        'AMMAN — Jordan on Tuesday invited bids for the Aqaba-Amman water desalination and conveyance project, which is meant to supply 300 million cubic meters a year.',
        'Water Minister Raed Abu Saud said the project was the country’s answer to a shortage made worse by refugees and falling flows from the Yarmouk River.',
        'Jordan receives less than 100 cubic meters of water per person a year, far below the United Nations threshold for severe scarcity.',
        'The government expects the plant to start operating in 2029.',
      ],
    },
  },
  {
    name: 'cairo-rate-hike',
    original: {
      headline: 'Egypt’s Central Bank Raises Interest Rates by 200 Basis Points',
      body: [
        'CAIRO — Egypt’s central bank raised its key interest rates by 200 basis points on Thursday, its first increase in six months, as it tries to rein in inflation running at a record 35 percent.',
        'The bank raised the overnight deposit rate to 21.25 percent and the overnight lending rate to 22.25 percent, it said in a statement.',
        'The Monetary Policy Committee said the move aimed to anchor inflation expectations and would be reviewed at its next meeting.',
        'Nine of 15 analysts polled by Reuters had expected the bank to hold rates steady.',
        'Egypt has been struggling with a shortage of foreign currency since early last year and has devalued the pound by half.',
      ],
    },
    update: {
      headline: 'Egypt Central Bank Raises Interest Rates by 200 Basis Points',
      body: [
        'CAIRO — Egypt’s central bank surprised markets on Thursday by raising its key interest rates by 200 basis points, its first increase in six months, and signalled it could tighten further if inflation does not ease.',
        'The bank raised the overnight deposit rate to 21.25 percent and the overnight lending rate to 22.25 percent, it said in a statement.',
        'Inflation hit a record 35 percent in September, driven by food prices.',
        'Nine of 15 analysts polled by Reuters had expected the bank to hold rates steady.',
        'Egyptian dollar bonds rose after the decision, and the cost of insuring Egypt’s debt against default fell.',
        'Egypt has been struggling with a shortage of foreign currency since early last year and has devalued the pound by half.',
      ],
    },
    correction: {
      headline: 'Egypt’s Central Bank Raises Interest Rates by 200 Basis Points',
      body: [
        'CAIRO — Egypt’s central bank raised its key interest rates by 200 basis points on Thursday, its first increase in six months, as it tries to rein in inflation running at a record 35 percent.',
        'The bank raised the overnight deposit rate to 21.25 percent and the overnight lending rate to 22.25 percent, it said in a statement.',
        'The Monetary Policy Committee said the move aimed to anchor inflation expectations and would be reviewed at its next meeting.',
        'Ten of 15 analysts polled by Reuters had expected the bank to hold rates steady.',
        'Egypt has been struggling with a shortage of foreign currency since early last year and has devalued the pound by half.',
        'This story corrects the number of analysts in the fourth paragraph.',
      ],
    },
    otherOutlet: {
      headline: 'Cairo Lifts Rates to Record as Inflation Bites',
      body: [
        'The Central Bank of Egypt lifted its overnight deposit rate to 21.25 percent on Thursday, a 200 basis point rise that caught most economists off guard.',
        'The Monetary Policy Committee blamed inflation of 35 percent, the highest on record, and said it would keep watching prices.',
        'The pound has lost half its value since the start of last year amid a shortage of dollars.',
        'The lending rate rose to 22.25 percent.',
      ],
    },
    sameTopic: {
      headline: 'Egypt’s Inflation Eases for Second Month in a Row',
      body: [
        'CAIRO — Egypt’s annual urban consumer price inflation eased to 33.7 percent in November from 35.8 percent in October, the statistics agency CAPMAS said on Sunday.',
        'Food prices, the biggest driver of inflation, rose 1.2 percent on the month.',
        'The central bank has raised interest rates by a total of 1,100 basis points since March last year.',
        'Economists expect inflation to keep easing but warn that a further devaluation of the pound could reverse the trend.',
      ],
    },
  },
  {
    name: 'ankara-earthquake',
    original: {
      headline: 'Earthquake of Magnitude 5.9 Strikes Eastern Türkiye',
      body: [
        'ANKARA — An earthquake of magnitude 5.9 struck Malatya province in eastern Türkiye on Wednesday, damaging buildings and injuring at least 12 people, the disaster agency AFAD said.',
        'The quake hit at 11:03 a.m. (0803 GMT) at a depth of 7 km, centred in the Yesilyurt district, AFAD said.',
        'Interior Minister Ali Yerlikaya said search and rescue teams had been sent to the area and that no deaths had been reported so far.',
        'Malatya was among the provinces hit hardest by the February 2023 earthquakes that killed more than 50,000 people in Türkiye.',
        'Residents ran into the streets as the tremor was felt in neighbouring Elazig, Adiyaman and Diyarbakir provinces.',
      ],
    },
    update: {
      headline: 'Earthquake of Magnitude 5.9 Strikes Eastern Türkiye, Dozens Injured',
      body: [
        'ANKARA — An earthquake of magnitude 5.9 struck Malatya province in eastern Türkiye on Wednesday, damaging more than 30 buildings and injuring at least 43 people, the disaster agency AFAD said.',
        'The quake hit at 11:03 a.m. (0803 GMT) at a depth of 7 km, centred in the Yesilyurt district, AFAD said.',
        'Interior Minister Ali Yerlikaya said one person had died after jumping from a balcony in panic.',
        'Schools in the province were closed for two days as engineers inspected buildings.',
        'Malatya was among the provinces hit hardest by the February 2023 earthquakes that killed more than 50,000 people in Türkiye.',
        'Residents ran into the streets as the tremor was felt in neighbouring Elazig, Adiyaman and Diyarbakir provinces.',
      ],
    },
    correction: {
      headline: 'Earthquake of Magnitude 5.9 Strikes Eastern Türkiye',
      body: [
        'ANKARA — An earthquake of magnitude 5.9 struck Malatya province in eastern Türkiye on Wednesday, damaging buildings and injuring at least 12 people, the disaster agency AFAD said.',
        'The quake hit at 11:03 a.m. (0803 GMT) at a depth of 17 km, centred in the Yesilyurt district, AFAD said.',
        'Interior Minister Ali Yerlikaya said search and rescue teams had been sent to the area and that no deaths had been reported so far.',
        'Malatya was among the provinces hit hardest by the February 2023 earthquakes that killed more than 50,000 people in Türkiye.',
        'Residents ran into the streets as the tremor was felt in neighbouring Elazig, Adiyaman and Diyarbakir provinces.',
        'Corrects the depth of the earthquake to 17 km in the second paragraph.',
      ],
    },
    otherOutlet: {
      headline: 'Quake Rattles Malatya, Still Scarred by 2023 Disaster',
      body: [
        'A 5.9 magnitude tremor shook Malatya in eastern Türkiye late on Wednesday morning, sending residents who survived the February 2023 earthquakes into the streets again.',
        'AFAD, Türkiye’s disaster agency, said the epicentre was in Yesilyurt and put the number of injured at 12.',
        'Ali Yerlikaya, the interior minister, wrote on X that rescue teams were on their way.',
        'The shaking was felt as far as Diyarbakir.',
      ],
    },
    sameTopic: {
      headline: 'Türkiye Completes 200,000 Homes for Earthquake Survivors',
      body: [
        'ANKARA — Türkiye has completed 200,000 new homes for survivors of the February 2023 earthquakes, President Tayyip Erdogan said on Saturday at a handover ceremony in Malatya.',
        'Erdogan said the government would finish another 250,000 homes by the end of next year.',
        'The quakes killed more than 50,000 people in Türkiye and left millions homeless across 11 provinces.',
        'Opposition lawmakers say many survivors are still living in container cities in Adiyaman and Hatay.',
      ],
    },
  },
  {
    name: 'doha-gaza-talks',
    original: {
      headline: 'Qatar Hosts New Round of Gaza Ceasefire Talks',
      body: [
        'DOHA — Mediators from Qatar, Egypt and the United States began a new round of talks in Doha on Thursday aimed at securing a ceasefire in Gaza and the release of hostages, a Qatari official said.',
        'CIA Director William Burns and Egyptian intelligence chief Abbas Kamel joined Qatari Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani for the talks.',
        'An Israeli delegation led by Mossad chief David Barnea was also in Doha, the official said, but Hamas was not directly taking part.',
        'Qatar’s Foreign Ministry spokesman Majed al-Ansari said the talks were at “a critical stage” and urged both sides to show flexibility.',
        'Previous rounds of talks in Cairo and Doha ended without agreement over the sequencing of a truce and the withdrawal of Israeli forces.',
      ],
    },
    update: {
      headline: 'Qatar Hosts New Round of Gaza Ceasefire Talks as Pressure Mounts',
      body: [
        'DOHA — Mediators from Qatar, Egypt and the United States pressed on with talks in Doha on Friday aimed at securing a ceasefire in Gaza and the release of hostages, after a first day that officials described as constructive.',
        'CIA Director William Burns and Egyptian intelligence chief Abbas Kamel joined Qatari Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani for the talks.',
        'An Israeli delegation led by Mossad chief David Barnea was also in Doha, the official said, but Hamas was not directly taking part.',
        'A Hamas official said the group had been briefed on the first day and was studying “new ideas” presented by the mediators.',
        'Qatar’s Foreign Ministry spokesman Majed al-Ansari said the talks were at “a critical stage” and urged both sides to show flexibility.',
      ],
    },
    correction: {
      headline: 'Qatar Hosts New Round of Gaza Ceasefire Talks',
      body: [
        'DOHA — Mediators from Qatar, Egypt and the United States began a new round of talks in Doha on Thursday aimed at securing a ceasefire in Gaza and the release of hostages, a Qatari official said.',
        'CIA Director William Burns and Egyptian intelligence chief Abbas Kamel joined Qatari Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani for the talks.',
        'An Israeli delegation led by Mossad chief David Barnea was also in Doha, the official said, but Hamas was not directly taking part.',
        'Qatar’s Foreign Ministry spokesman Majed al-Ansari said the talks were at “a decisive stage” and urged both sides to show flexibility.',
        'Previous rounds of talks in Cairo and Doha ended without agreement over the sequencing of a truce and the withdrawal of Israeli forces.',
        'Corrects quote in the fourth paragraph.',
      ],
    },
    otherOutlet: {
      headline: 'Burns, Barnea in Doha as Mediators Try Again on Gaza Truce',
      body: [
        'Spy chiefs from the United States, Israel and Egypt gathered in the Qatari capital on Thursday for another attempt at a Gaza truce and hostage deal.',
        'William Burns of the CIA and David Barnea of Mossad met Sheikh Mohammed bin Abdulrahman Al Thani, Qatar’s prime minister, with Egypt’s Abbas Kamel also present.',
        'Majed al-Ansari, speaking for Qatar’s Foreign Ministry, called the moment “a critical stage”.',
        'Hamas did not send negotiators to the table.',
      ],
    },
    sameTopic: {
      headline: 'Aid Trucks Enter Gaza Through Kerem Shalom After Two-Day Halt',
      body: [
        'GAZA — Aid trucks resumed entering Gaza through the Kerem Shalom crossing on Sunday after a two-day halt, the United Nations said.',
        'About 120 trucks carrying food and medicine crossed, far below the 500 a day that aid agencies say are needed.',
        'Qatar and Egypt, which mediate between Israel and Hamas, have urged Israel to open more crossings.',
        'The UN agency for Palestinian refugees said fuel shortages were forcing hospitals in Gaza to ration electricity.',
      ],
    },
  },
];

/** Every labelled pair: the five labels within each event, plus unrelated pairs across events. */
export function labelledPairs(events: readonly LabelledEvent[] = LABELLED_EVENTS): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  for (const event of events) {
    pairs.push({ label: 'update', event: event.name, first: event.original, second: event.update });
    pairs.push({ label: 'correction', event: event.name, first: event.original, second: event.correction });
    pairs.push({ label: 'other-outlet', event: event.name, first: event.original, second: event.otherOutlet });
    pairs.push({ label: 'other-outlet', event: event.name, first: event.update, second: event.otherOutlet });
    pairs.push({ label: 'same-topic', event: event.name, first: event.original, second: event.sameTopic });
    pairs.push({ label: 'same-topic', event: event.name, first: event.otherOutlet, second: event.sameTopic });
  }
  events.forEach((event, index) => {
    const next = events[(index + 1) % events.length]!;
    pairs.push({ label: 'unrelated', event: `${event.name}/${next.name}`, first: event.original, second: next.original });
  });
  return pairs;
}
