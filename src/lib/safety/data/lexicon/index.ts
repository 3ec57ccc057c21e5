// The lexicon files, in one list (see triage/lexicon.ts for the format). Medicine names are shared
// with the answer check (terms/medicines.json) and join `sub.medicine` here.
import type { LexiconFile } from '../../triage/lexicon';
import medicines from '../../terms/medicines.json';
import advice from './advice.json';
import blockers from './blockers.json';
import body from './body.json';
import context from './context.json';
import events from './events.json';
import implies from './implies.json';
import modifiers from './modifiers.json';
import people from './people.json';
import selfharm from './selfharm.json';
import substances from './substances.json';
import symptoms from './symptoms.json';
import vitals from './vitals.json';

const medicineNames: LexiconFile = {
	concepts: { 'sub.medicine': { zh: medicines.zh.join('|'), en: medicines.en.join('|').toLowerCase() } }
};

const files: readonly LexiconFile[] = [
	body,
	symptoms,
	events,
	people,
	modifiers,
	context,
	selfharm,
	substances,
	vitals,
	advice,
	blockers,
	implies,
	medicineNames
];

export default files;
