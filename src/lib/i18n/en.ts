// English UI strings. The shape of this object is the contract every locale implements (see zh-CN.ts).
// Strings with variables are functions, so no translated fragment is ever concatenated.
export const en = {
	profile: {
		toggle: 'About the patient (optional)',
		intro:
			'This helps the assistant tailor its answers to this conversation. It stays on this device. Do not enter names, phone numbers or ID numbers: they are removed.',
		chiefComplaint: 'Main complaint',
		chiefComplaintHint: 'For example: cough and fever for 3 days',
		medicalHistory: 'Medical history, allergies and medicines',
		medicalHistoryHint: 'For example: asthma; allergic to penicillin',
		ageGroup: 'Age group',
		ageGroupNone: 'Not given',
		ageGroups: {
			infant: 'Infant (under 1 year)',
			child: 'Child (1–12 years)',
			adolescent: 'Adolescent (13–17 years)',
			adult: 'Adult (18–64 years)',
			'older-adult': 'Older adult (65 years or over)'
		},
		save: 'Save',
		clear: 'Clear',
		saved: 'Saved. The next answers take it into account.',
		cleared: 'The patient details were cleared.'
	},
	turn: {
		continue: 'Continue',
		regenerate: 'Regenerate',
		actionsLabel: 'This answer is incomplete'
	},
	kiosk: {
		finish: 'Finish',
		finishHint: 'Clears your questions and answers from this device, ready for the next patient.',
		cleared: 'Session cleared — ready for the next patient.',
		clearedIdle: 'The session was cleared after a time without activity — ready for the next patient.',
		idleTitle: 'Are you still there?',
		idleBody: 'To protect your privacy, this session will be cleared for the next patient.',
		countdown: (seconds: number) =>
			seconds === 1 ? 'Clearing in 1 second' : `Clearing in ${seconds} seconds`,
		stillHere: 'I’m still here',
		settings: {
			heading: 'Kiosk mode',
			lead: 'For a shared tablet in a waiting room: large text, no conversation history, and a Finish button. Each patient’s session is cleared from this device when they finish or after a time without activity. The model stays loaded between patients.',
			enable: 'Use this device as a kiosk',
			idle: 'Clear a session after this many seconds without activity',
			idleHint: 'From 60 to 600 seconds. A 20-second countdown shows first; any touch cancels it.',
			invalid: 'Enter a whole number of seconds from 60 to 600.',
			save: 'Save kiosk settings',
			savedOn: 'Saved. This device is a kiosk.',
			savedOff: 'Saved. Kiosk mode is off.'
		}
	},
	kb: {
		where: {
			file: (file: string) => file,
			line: (file: string, line: number) => `${file}, line ${line}`,
			row: (file: string, row: number) => `${file}, row ${row}`,
			item: (file: string, item: number) => `${file}, item ${item}`
		},
		fileErrors: {
			unsupportedType: (where: string) =>
				`${where}: only Markdown (.md), JSON (.json) and CSV (.csv) files can be added.`,
			tooLarge: (where: string, maxMb: number) =>
				`${where}: the file is larger than ${maxMb} MB, so it was not added.`,
			binary: (where: string) => `${where}: this is not a text file (UTF-8), so it was not added.`,
			empty: (where: string) => `${where}: the file is empty.`,
			frontMatter: (where: string) =>
				`${where}: the header between the two “---” lines is missing or cannot be read. It needs lines such as “id: fever-children-en”.`,
			frontMatterTooLarge: (where: string, maxKb: number) =>
				`${where}: the header between the two “---” lines is longer than ${maxKb} KB, so the file was not added.`,
			tooManyAliases: (where: string) =>
				`${where}: the header repeats itself through YAML aliases (“*name”) far too often, so the file was not added. Write each value out instead.`,
			malformed: (where: string) => `${where}: this cannot be read as a knowledge-base Q&A file.`,
			missingBody: (where: string) => `${where}: the entry has no text after its header.`,
			missingField: (where: string, field: string) => `${where}: “${field}” is missing or empty.`,
			invalidField: (where: string, field: string, rule: string) =>
				`${where}: “${field}” is not valid: ${rule}`,
			duplicateId: (where: string, id: string) =>
				`${where}: the id “${id}” is used more than once in this file.`,
			duplicateIdAcross: (where: string, id: string, otherFile: string) =>
				`${where}: the id “${id}” is already used in ${otherFile}.`
		},
		fieldRules: {
			id: 'use lowercase letters, digits and “-”, for example “fever-children-en”.',
			title: 'use plain text of up to 300 characters.',
			lang: 'use “en” or “zh-CN”.',
			source: 'name the guideline or publisher, in up to 500 characters.',
			updated: 'use a date written as YYYY-MM-DD, for example 2026-01-31.',
			url: 'use an https:// link, or a path on this site starting with a single “/”, without “\\”, spaces or line breaks.',
			question: 'use plain text of up to 1,000 characters.',
			answer: 'use plain text.',
			body: 'write the entry’s text after the header.'
		},
		sources: {
			heading: 'Sources',
			reviewed: (source: string, date: string) => `${source} · reviewed ${date}`,
			open: 'Read the guideline',
			show: 'Show the passage'
		},
		manage: {
			heading: 'Knowledge base',
			lead: 'Answers draw on this content, searched on this device. The built-in entries are sample content: replace them with your clinic’s own.',
			opening: 'Opening the knowledge base…',
			failed:
				'The knowledge base cannot be opened in this browser’s storage. Answers still work, without sources.',
			searchWords: 'Search: words only',
			searchHybrid: 'Search: words + meaning',
			sourcesHeading: 'Files in the knowledge base',
			none: 'No files yet.',
			origin: { builtin: 'built-in', upload: 'uploaded' },
			entries: (n: number) => (n === 1 ? '1 entry' : `${n} entries`),
			sourceLine: (entries: string, origin: string) => `${entries} · ${origin}`,
			remove: (file: string) => `Remove ${file}`,
			removeTitle: 'Remove this file?',
			removeBody: (file: string, entries: string) =>
				`${file} (${entries}) will no longer be used in answers. To use it again, upload it again.`,
			removeBuiltinBody: (file: string, entries: string) =>
				`${file} (${entries}) will no longer be used in answers, until the app’s next content update brings it back.`,
			removeConfirm: 'Remove the file',
			cancel: 'Cancel',
			removed: (file: string) => `${file} was removed.`,
			removeFailed: (reason: string) => `The file could not be removed: ${reason}.`,
			uploadHeading: 'Add files',
			uploadLead:
				'Markdown files with a header (id, title, lang, source, updated), or question–answer pairs as JSON or CSV, up to 2 MB each. Each file is added whole or not at all.',
			choose: 'Choose files',
			drop: 'Or drop files here',
			progressLabel: 'Adding files',
			progress: (done: number, total: number) => `${done} of ${total} files`,
			current: (file: string) => `Now: ${file}`,
			summary: (added: number, total: number) =>
				total === 1
					? added === 1
						? 'The file was added.'
						: 'The file was not added.'
					: `${added} of ${total} files added.`,
			added: (file: string, entries: string) => `${file}: added (${entries}).`,
			notAdded: (file: string, reason: string) => `${file}: not added: ${reason}.`,
			resultsLabel: 'Result for each file',
			errorMark: 'Error:',
			storage: {
				quota: 'the browser’s storage is full',
				unavailable: 'the browser’s storage cannot be used here',
				'duplicate-chunk': 'a passage with the same id is already in the knowledge base',
				'vector-dimension': 'the search model does not match the knowledge base',
				'bad-snapshot': 'the stored knowledge base is damaged',
				unknown: 'something went wrong'
			}
		},
		embedder: {
			heading: 'Search by meaning (optional)',
			lead: (size: string) =>
				`Improve search with the embedding model (about ${size}): questions then also find entries written in other words. It is downloaded once, runs on this device and works offline afterwards.`,
			download: (size: string) => `Improve search (about ${size})`,
			none: 'No embedding model is set up, so search uses words only.',
			progressLabel: 'Embedding model download',
			embedding: 'Preparing search by meaning',
			embeddingProgress: (done: number, total: number) => `${done} of ${total} passages`,
			ready: (model: string) => `${model} is ready.`,
			cancelled:
				'The download was stopped. What was already downloaded is kept, so it continues from there next time.',
			failed: (reason: string) =>
				`The embedding model could not be started: ${reason} Search uses words only.`,
			retry: 'Try again',
			errors: {
				network: 'a file could not be downloaded. Check the connection and try again.',
				quota: 'the browser’s storage is full.',
				'model-files': 'the model files are missing or damaged.',
				'model-mismatch': 'the model does not match the knowledge base.',
				'no-webgpu': 'this browser has no usable WebGPU.',
				'device-lost': 'the graphics processor stopped responding.',
				'worker-crashed': 'the model stopped unexpectedly.',
				unknown: 'something went wrong.'
			}
		}
	},
	history: {
		nav: 'History',
		title: 'Conversation history',
		lead: 'Your earlier conversations, kept only in this browser on this device. Open one to continue it.',
		loading: 'Loading your conversations…',
		empty: 'No saved conversations yet.',
		startChat: 'Ask a question',
		readFailed: 'Your conversations could not be read from this browser’s storage.',
		listLabel: 'Saved conversations',
		count: (shown: number, total: number) =>
			total === 1 ? 'Showing 1 conversation' : `Showing ${shown} of ${total} conversations`,
		loadMore: 'Show more conversations',
		loadingMore: 'Loading more…',
		untitled: 'New conversation',
		lastActive: (date: string) => `Last active ${date}`,
		messages: (n: number) => (n === 1 ? '1 message' : `${n} messages`),
		incomplete: 'Not everything was saved',
		flags: {
			safety: 'Emergency signs',
			patient: 'Marked for staff'
		},
		actionsLabel: (title: string) => `Actions for “${title}”`,
		rename: 'Rename',
		renameLabel: 'New name',
		renameHint: 'Enter saves · Escape cancels',
		renameEmpty: 'Type a name, or press Escape to keep the old one.',
		save: 'Save',
		cancel: 'Cancel',
		renamed: (title: string) => `Renamed to “${title}”.`,
		exportMarkdown: 'Export as Markdown',
		exportJson: 'Export as JSON',
		exported: (file: string) => `Downloaded ${file}.`,
		delete: 'Delete',
		deleteTitle: 'Delete this conversation?',
		deleteBody: (title: string) =>
			`“${title}” and all its messages will be removed from this device. This cannot be undone.`,
		deleteConfirm: 'Delete the conversation',
		deleted: (title: string) => `“${title}” was deleted.`,
		deleteAll: 'Delete all conversations',
		deleteAllTitle: 'Delete all conversations?',
		deleteAllBody: (n: number) =>
			n === 1
				? 'Your 1 saved conversation and its feedback will be removed from this device. This cannot be undone. Export it first if you want to keep it.'
				: `All ${n} saved conversations and their feedback will be removed from this device. This cannot be undone. Export any you want to keep first.`,
		deleteAllAcknowledge: 'I understand that all my conversations will be deleted for good',
		deleteAllConfirm: 'Delete everything',
		deletedAll: 'All conversations were deleted.',
		errors: {
			quota: 'The browser’s storage is full, so nothing was changed. Free some space and try again.',
			'not-found': 'This conversation is no longer here (it may have been deleted in another tab).',
			unavailable:
				'This browser’s storage cannot be used right now (another tab may have updated the app: reload the page). Nothing was changed.',
			unknown: 'Something went wrong, so nothing was changed.'
		},
		search: {
			label: 'Search your conversations',
			hint: 'Words in Chinese or English, e.g. 发烧 or fever',
			clear: 'Clear the search',
			resultsLabel: 'Search results',
			searching: 'Searching…',
			results: (n: number, query: string) =>
				n === 1 ? `1 message contains “${query}”.` : `${n} messages contain “${query}”.`,
			many: (n: number, query: string) => `The newest ${n} messages that contain “${query}”.`,
			none: (query: string) => `No message contains “${query}”.`,
			you: 'You',
			assistant: 'Assistant',
			hitIn: (title: string, date: string) => `In “${title}”, ${date}`
		},
		import: {
			label: 'Import a conversation (JSON file)',
			hint: 'A file exported from this app. It is added as a new conversation; nothing already here changes.',
			reading: 'Checking the file…',
			done: (title: string, n: number) =>
				n === 1 ? `Imported “${title}” with 1 message.` : `Imported “${title}” with ${n} messages.`,
			refused: (reason: string) => `This file was not imported: ${reason} Nothing was changed.`,
			errors: {
				'too-large': 'it is too large (at most 5 MB).',
				'not-json': 'it is not a JSON file, or it is damaged.',
				'wrong-format': 'it is not a conversation exported from this app.',
				'unsupported-version': 'it comes from a newer version of this app. Update the app and try again.',
				'too-many-messages': 'it has more messages than one conversation may have (2,000).',
				'forbidden-key': 'it contains data that could be harmful, so it was refused.',
				'not-utf8': 'it is not UTF-8 text (it may be damaged, or saved in another encoding).',
				'future-time': 'it has dates in the future. Check the clock of the device that exported it.',
				'invalid-field': 'some of its content is missing, damaged or not allowed.',
				quota: 'the browser’s storage is full. Free some space and try again.',
				failed: 'this browser’s storage could not be used.'
			}
		},
		markdown: {
			untitled: 'New conversation',
			exportedAt: 'Exported',
			profile: 'About the patient',
			chiefComplaint: 'Main concern',
			medicalHistory: 'Medical history',
			ageGroup: 'Age group',
			ageGroups: {
				infant: 'infant',
				child: 'child',
				adolescent: 'adolescent',
				adult: 'adult',
				'older-adult': 'older adult'
			},
			patient: 'Patient',
			assistant: 'Assistant',
			interrupted: 'Interrupted when the page was closed; the answer is incomplete.',
			stopped: 'Stopped; the answer is incomplete.',
			failed: 'The answer could not be completed',
			modelNotReady: 'The on-device model was not set up, so this question was not answered.'
		},
		kiosk: {
			title: 'History is off on this device',
			body: 'This is a shared device, so conversations are not kept after each visit.',
			back: 'Back to the conversation'
		},
		connection: {
			outdated:
				'This app was updated in another tab. Reload this page to go on saving; everything saved so far is kept.',
			reload: 'Reload',
			blocked: 'Another tab still runs an older version of this app. Close or reload it to finish the update.'
		}
	},
	handoff: {
		showToStaff: 'Show to staff',
		opening: 'Opening the summary for staff…',
		openFailed: 'The summary could not be opened: this conversation is not saved on this device.',
		title: 'Summary for staff',
		lead: 'A summary of this conversation for a doctor or nurse. Everything here stays on this device.',
		loading: 'Loading the summary…',
		missing: 'No conversation was chosen.',
		notFound:
			'This conversation is not stored on this device any more (it was deleted, or the kiosk session ended).',
		readFailed: 'The conversation could not be read from this device’s storage.',
		print: 'Print',
		backToChat: 'Back to the conversation',
		backToSettings: 'Back to settings',
		generated: 'Generated',
		started: 'Conversation started',
		languages: 'Patient wrote in',
		languageNames: { zh: 'Chinese', en: 'English' },
		unknownLanguage: 'unknown',
		list: (items: readonly string[]) => items.join(', '),
		emergencyHeading: 'Emergency signs recognised',
		noEmergency: 'No emergency signs were recognised in the questions.',
		flagsHeading: 'Flags',
		flagSafety: 'Safety layer: possible emergency',
		flagPatient: 'The patient asked for staff',
		flagNote: (note: string) => `Patient’s note: ${note}`,
		noFlags: 'No open flags (reviewed, or never flagged).',
		profileHeading: 'Patient profile',
		noProfile: 'The patient gave no profile.',
		chiefComplaint: 'Chief complaint',
		medicalHistory: 'Medical history',
		ageGroup: 'Age group',
		ageGroups: {
			infant: 'infant',
			child: 'child',
			adolescent: 'adolescent',
			adult: 'adult',
			'older-adult': 'older adult'
		},
		conversationHeading: 'Questions and answers',
		noQuestions: 'No questions were asked.',
		question: (n: number) => `Question ${n}`,
		answer: (n: number) => `Answer ${n}`,
		emergencyIn: (categories: string) => `Emergency signs: ${categories}`,
		removed: (kinds: string) => `Removed for privacy: ${kinds}`,
		noAnswer: 'No answer (the emergency alert was shown, or the patient did not go on).',
		answerStates: {
			stopped: 'The patient stopped this answer; it is incomplete.',
			interrupted: 'The page closed while this answer was written; it is incomplete.',
			failed: 'This answer failed.',
			'no-model': 'No answer: the on-device model was not set up.',
			writing: 'This answer was still being written.'
		},
		advisory: 'Note shown with the answer',
		answeredBy: (model: string) => `Model: ${model}`,
		disclaimer:
			'Not a diagnosis. Generated by an on-device assistant from the patient’s own questions; answers are general information from a language model and may be wrong.',
		qrHeading: 'QR code',
		qrLabel: 'QR code carrying this summary as text',
		qrAlt: 'The QR code holds the same summary as the text on this page, which is complete.',
		qrTruncated:
			'The QR code holds a shortened summary (answers are shortened first, emergency signs and questions are kept); this page shows everything.',
		qrLoading: 'Making the QR code on this device…',
		qrFailed: 'The QR code could not be made; use the summary on this page.',
		qrBytes: (bytes: number) => `${bytes} bytes`,
		qr: {
			heading: 'Health Q&A — summary for staff',
			generated: (time: string) => `Generated: ${time}`,
			languages: (names: string) => `Patient wrote in: ${names}`,
			emergency: (categories: string) => `EMERGENCY SIGNS: ${categories}`,
			patientAsked: 'The patient asked for staff',
			patientNote: (note: string) => `Patient’s note: ${note}`,
			complaint: (text: string) => `Chief complaint: ${text}`,
			history: (text: string) => `History: ${text}`,
			ageGroup: (group: string) => `Age group: ${group}`,
			question: (n: number, text: string) => `Q${n}: ${text}`,
			answer: (
				n: number,
				text: string,
				state: 'complete' | 'stopped' | 'interrupted' | 'failed' | 'no-model' | 'writing'
			) => {
				const note = {
					complete: '',
					stopped: '(stopped)',
					interrupted: '(interrupted)',
					failed: '(failed)',
					'no-model': '(no model)',
					writing: '(unfinished)'
				}[state];
				return `A${n}: ${[text, note].filter(Boolean).join(' ')}`;
			},
			omitted: (count: number) =>
				count === 1 ? '(1 earlier question left out)' : `(${count} earlier questions left out)`,
			truncated: '(Shortened to fit the QR code; the printed summary is complete.)',
			disclaimer: 'Not a diagnosis; generated by an on-device assistant.'
		},
		flagged: {
			heading: 'Flagged conversations',
			lead: 'Conversations the safety layer flagged as a possible emergency, or in which the patient asked for staff, newest first. Only what is stored on this device is listed: in kiosk mode, the current patient’s session.',
			loading: 'Reading flagged conversations…',
			none: 'No flagged conversations.',
			count: (n: number) => (n === 1 ? '1 flagged conversation' : `${n} flagged conversations`),
			untitled: 'Untitled conversation',
			flaggedAt: (time: string) => `Flagged ${time}`,
			reasons: 'Reasons',
			patient: 'Patient asked for staff',
			open: 'Open summary',
			openLabel: (title: string) => `Open summary: ${title}`,
			reviewed: 'Mark reviewed',
			reviewedLabel: (title: string) => `Mark reviewed: ${title}`,
			reviewedDone: (title: string) => `“${title}” was marked reviewed.`,
			failed: 'The flagged conversations could not be read from this device’s storage.',
			reviewFailed: 'It could not be marked reviewed; nothing was changed.'
		}
	},
	app: {
		name: 'Health Q&A',
		tagline: 'Private health information, on this device',
		skipToChat: 'Skip to the conversation'
	},
	nav: {
		label: 'Main',
		chat: 'Chat',
		about: 'About & privacy',
		settings: 'Settings'
	},
	language: {
		label: 'Language',
		zh: '中文',
		en: 'English'
	},
	chat: {
		heading: 'Ask a health question',
		intro:
			'Ask about symptoms, medicines or tests. This assistant gives general information, not a diagnosis. In an emergency, call your local emergency number.',
		messagesLabel: 'Conversation',
		empty: 'No messages yet. Type your question below.',
		inputLabel: 'Your question',
		inputHint: 'Enter sends · Shift+Enter adds a new line',
		placeholder: 'For example: what should I do about a fever of 38.5 °C?',
		send: 'Send',
		you: 'You',
		assistant: 'Assistant',
		modelNotReady:
			'The on-device model is not set up yet, so I cannot answer this question here. If you feel very unwell, please see a doctor or call your local emergency number.',
		writing: 'Writing…',
		stop: 'Stop',
		stopped: 'Stopped. The answer above is incomplete.',
		interrupted: 'Interrupted when the page was closed. The answer above is incomplete.',
		newConversation: 'New conversation',
		storageFull:
			'The browser’s storage is full, so this conversation is not being saved right now. What was saved before is kept. Free some space: what is not saved yet is saved then, while this page stays open.',
		storageFailed:
			'This conversation could not be saved on this device. What was saved before is kept, and saving is tried again while this page stays open.',
		incomplete:
			'Part of this conversation is missing: messages written while the browser’s storage was full could not be saved before the page was closed.',
		notSaved: (n: number) =>
			n === 1 ? 'Not saved yet: the most recent message.' : `Not saved yet: the ${n} most recent messages.`,
		failed: (reason: string) => `The answer could not be completed: ${reason}`,
		answeredBy: (model: string) => `Answered on this device by ${model}`,
		feedback: {
			label: 'Was this answer helpful?',
			up: 'Helpful',
			down: 'Not helpful',
			reason: 'What was wrong? (optional)',
			reasonHint: 'Do not enter names, phone numbers or other personal details.',
			send: 'Send',
			thanks: 'Thanks for your feedback.',
			failed: 'Your feedback could not be saved.'
		}
	},
	engine: {
		heading: 'On-device model',
		consentTitle: (model: string) => `Download ${model} to this device?`,
		consentBody: (size: string) =>
			`To answer questions privately, the app downloads a language model of about ${size} once. It stays on this device, works offline afterwards, and nothing you type is sent anywhere.`,
		consentEngine: (engine: string) => `It will run with ${engine}.`,
		consentSpace: (free: string) => `Free space the browser allows: about ${free}.`,
		notEnoughSpace: (size: string, free: string) =>
			`There is not enough storage for this model: it needs about ${size}, the browser allows about ${free}. Free some space, or choose a smaller model.`,
		download: 'Download the model',
		later: 'Not now',
		chooseModel: 'Model',
		fits: (label: string, size: string) => `${label} (about ${size})`,
		tooBig: (label: string, size: string) => `${label} (about ${size}, may not fit this device)`,
		progressLabel: 'Model download',
		progress: (done: string, total: string) => `${done} of ${total}`,
		rate: (rate: string, eta: string) => `${rate}/s · about ${eta} left`,
		file: (file: string) => `Now: ${file}`,
		preparing: 'Preparing the model on this device…',
		fromCache: 'Loading the model from this device…',
		cancel: 'Cancel download',
		cancelled:
			'The download was stopped. What was already downloaded is kept, so it continues from there next time.',
		ready: (model: string, engine: string) => `${model} is ready (${engine}).`,
		typeWhileLoading: 'You can type your question now; emergency checks work without the model.',
		retry: 'Try again',
		elsewhere:
			'The model is already running in another tab of this app. Use that tab, or close it and this tab takes over; loading a second copy would use twice the memory.',
		loadFailed: (reason: string) => `The model could not be started: ${reason}`,
		waiting: 'Waiting for the model to finish loading…',
		engines: {
			webllm: 'WebGPU (web-llm)',
			onnx: 'ONNX Runtime',
			webgpu: 'graphics processor',
			wasm: 'processor (slower)'
		},
		reasons: {
			'largest-fits': 'The largest model fits this device.',
			'too-small-for-4b': 'This device cannot hold the largest model, so a smaller one was chosen.',
			'no-webgpu': 'This browser has no usable WebGPU, so a smaller model runs on the processor.',
			'no-webllm-fits':
				'This device’s graphics processor cannot hold the WebGPU models, so a smaller model runs with ONNX Runtime.',
			'webllm-failed': 'The WebGPU engine could not start here, so the fallback engine is used instead.',
			'user-choice': 'Chosen by you.',
			'user-choice-may-not-fit': 'You chose this model, but it may be too large for this device.',
			'nothing-fits': 'No model is known to fit this device; the smallest one is offered.'
		},
		errors: {
			'no-webgpu': 'this browser has no usable WebGPU.',
			'device-lost': 'the graphics processor stopped responding.',
			quota: 'the browser’s storage is full.',
			network: 'a model file could not be downloaded. Check the connection and try again.',
			'model-library': 'the model’s program could not be loaded on this device.',
			'model-files': 'the model files are missing or damaged.',
			'not-loaded': 'the model is not loaded yet.',
			'worker-crashed': 'the model stopped unexpectedly. It is being restarted.',
			aborted: 'the download was cancelled.',
			busy: 'another answer is still being written.',
			'context-overflow': 'the conversation is too long for the model. Start a new conversation.',
			unknown: 'something went wrong.'
		}
	},
	input: {
		empty: 'Type a question first.',
		tooLong: (length: number, max: number) =>
			`Your message is ${length} characters long; the limit is ${max}. Please shorten it or split it into several questions.`,
		counter: (length: number, max: number) => `${length} / ${max} characters`
	},
	redaction: {
		note: (kinds: string) =>
			`Removed to protect your privacy: ${kinds}. Only the version with placeholders is kept.`,
		kinds: {
			phone: 'mobile number',
			landline: 'phone number',
			id_number: 'ID number',
			passport: 'passport number',
			travel_document: 'travel document number',
			bank_card: 'bank card number',
			email: 'e-mail address',
			ssn: 'social security number',
			nhs_number: 'NHS number',
			mrn: 'medical record number',
			insurance: 'health insurance number',
			licence: 'licence or vehicle plate number',
			device: 'vehicle or device serial number',
			dob: 'date of birth',
			address: 'home address',
			messaging: 'messaging account',
			url: 'web address',
			ip: 'IP address',
			name: 'name'
		}
	},
	emergency: {
		title: 'This may be an emergency',
		lead: 'Do not wait for an answer from this app.',
		call: (number: string) => `Call ${number} now`,
		callLocal: (number: string) => `Call your local emergency number now (for example ${number})`,
		crisis: (label: string, number: string) => `${label}: ${number}`,
		stepsHeading: 'What to do now',
		recognised: (signs: string) => `Recognised: ${signs}`,
		notEmergency: 'This is not an emergency — continue',
		fromAnswer: 'The answer itself says this needs emergency care.',
		dismiss: 'I understand',
		urgentTitle: 'Please see a doctor today',
		urgentLead:
			'What you describe should be checked by a doctor today — your GP, an urgent care centre or a walk-in clinic. If it gets worse, call the emergency number.',
		urgentRecognised: (signs: string) => `Worth checking today: ${signs}`,
		categories: {
			cardiac: 'heart warning signs',
			breathing: 'difficulty breathing',
			stroke: 'signs of a stroke',
			unconscious: 'unconsciousness',
			seizure: 'a seizure',
			bleeding: 'severe bleeding',
			poisoning: 'poisoning or overdose',
			self_harm: 'thoughts of suicide or self-harm',
			anaphylaxis: 'a severe allergic reaction',
			pregnancy: 'a pregnancy emergency',
			child: 'a child’s warning signs',
			trauma: 'a serious injury',
			burns: 'a serious burn',
			headache: 'a sudden severe headache',
			aortic: 'sudden tearing chest or back pain',
			arrhythmia: 'a dangerous heart rate',
			blood_pressure: 'dangerous blood pressure',
			meningitis: 'signs of meningitis',
			sepsis: 'signs of sepsis',
			button_battery: 'a swallowed button battery or magnets',
			caustic: 'a swallowed corrosive or fuel',
			heat_stroke: 'heat stroke',
			hypothermia: 'dangerous cold (hypothermia)',
			hypoglycaemia: 'very low blood sugar',
			hyperglycaemia: 'very high blood sugar',
			acute_abdomen: 'severe tummy or testicle pain',
			eye: 'a sight-threatening eye problem',
			spinal: 'spinal cord warning signs',
			advised: 'emergency care advised in the answer'
		}
	},
	device: {
		open: 'About this device',
		title: 'About this device',
		close: 'Close',
		checking: 'Checking…',
		webgpu: 'WebGPU',
		adapter: 'Graphics adapter',
		shaderF16: '16-bit shaders (shader-f16)',
		maxBinding: 'Largest storage buffer',
		storage: 'Storage used / available',
		persisted: 'Storage kept by the browser',
		serviceWorker: 'Works offline (service worker)',
		network: 'Network',
		yes: 'Yes',
		no: 'No',
		unknown: 'Unknown',
		online: 'Online',
		offline: 'Offline',
		unavailable: (reason: string) => `Not available (${reason})`,
		bytes: (used: string, total: string) => `${used} of ${total}`
	},
	notices: {
		label: 'Device notices',
		noWebgpu:
			'This browser has no usable WebGPU, so answers will use a slower engine that runs on the processor. Emergency checks and everything else still work.',
		noServiceWorker:
			'This browser cannot keep the app for offline use. It works while you are online; open it in an up-to-date browser to use it offline.',
		offline: 'You are offline. The app keeps working with what is on this device.'
	},
	update: {
		available: 'A new version of the app is available.',
		reload: 'Reload',
		dismiss: 'Later'
	},
	settings: {
		title: 'Settings',
		lead: 'For clinic staff: how this device recognises emergencies and whom it tells people to call.',
		saved: 'Saved.',
		saveFailed: (reason: string) => `Could not save: ${reason}. Nothing was changed.`,
		storageFull: 'the browser’s storage is full',
		storageUnavailable:
			'Settings cannot be read from this browser’s storage, so the built-in defaults apply.',
		pin: {
			heading: 'Staff PIN',
			none: 'No staff PIN is set: anyone using this device can change these settings. On a shared or kiosk device, set one.',
			set: 'Set a PIN',
			change: 'Change the PIN',
			remove: 'Remove the PIN',
			newPin: 'New PIN (4 to 8 digits)',
			confirmPin: 'Repeat the new PIN',
			mismatch: 'The two PINs are not the same.',
			invalid: 'A PIN is 4 to 8 digits.',
			enter: 'Staff PIN',
			unlock: 'Unlock',
			lock: 'Lock settings',
			locked: 'These settings are for staff. Enter the staff PIN to continue.',
			wrong: 'That PIN is not right.',
			wait: (seconds: number) => `Too many wrong PINs. Try again in ${seconds} seconds.`,
			waitMinutes: (minutes: number) =>
				minutes === 1
					? 'Too many wrong PINs. Try again in 1 minute.'
					: `Too many wrong PINs. Try again in ${minutes} minutes.`,
			retry: 'You can try the PIN again now.',
			exists: 'A staff PIN was set meanwhile, maybe in another tab. Enter it to continue.',
			unavailable:
				'Settings unavailable: the staff PIN cannot be read from this browser’s storage, so the settings stay closed. Reload the page; if this persists, close the app’s other tabs first.',
			checking: 'Checking…',
			saved: 'The PIN is set. Settings lock when you leave this page.',
			removed: 'The PIN was removed.'
		},
		terms: {
			heading: 'Emergency words',
			lead: 'Words and phrases added here are recognised as emergencies in addition to the built-in lists, in any language. One per line, 2 to 60 characters. The built-in lists cannot be switched off.',
			count: (n: number) => (n === 1 ? '1 added term' : `${n} added terms`),
			save: 'Save emergency words',
			rejectedHeading: 'Not saved:',
			rejected: (term: string, reason: string) => `“${term}”: ${reason}`,
			reasons: {
				unknown_category: 'unknown category',
				not_a_string: 'not text',
				too_short: 'too short (at least 2 characters)',
				too_long: 'too long (at most 60 characters)',
				control_characters: 'contains control characters',
				duplicate: 'listed twice',
				too_many: 'too many terms in this category (at most 200)'
			},
			tryLabel: 'Try a sentence',
			tryHint: 'Shows how a message would be assessed with the words above, before saving.',
			tryEmergency: (signs: string) => `Emergency: ${signs}`,
			tryUrgent: (signs: string) => `Not an emergency, but see a doctor today: ${signs}`,
			tryNone: 'Not an emergency.'
		},
		models: {
			heading: 'Models on this device',
			lead: 'Language models downloaded to this browser. Deleting one frees its space; it is downloaded again when next needed.',
			loading: 'Checking this device…',
			none: 'No model is stored on this device.',
			size: (size: string) => `${size} on this device`,
			unknownSize: 'size unknown',
			inUse: 'in use',
			remove: (model: string) => `Delete ${model}`,
			removeAll: 'Delete all models',
			removed: (model: string) => `${model} was deleted from this device.`,
			removedAll: 'All models were deleted from this device.',
			failed: (reason: string) => `Could not delete: ${reason}`,
			total: (size: string) => `Total: ${size}`
		},
		feedback: {
			heading: 'Quality review',
			lead: 'Ratings and reasons people gave to answers on this device, with the question and the answer, for review by staff. The file stays on this device until you share it.',
			loading: 'Counting feedback…',
			none: 'No feedback yet.',
			count: (n: number) => (n === 1 ? '1 feedback entry' : `${n} feedback entries`),
			download: 'Download feedback (CSV)',
			downloaded: 'The feedback file was downloaded.',
			failed: 'The feedback could not be read from this device’s storage.'
		},
		numbers: {
			heading: 'Emergency numbers',
			lead: 'The emergency alert shows the numbers for this region.',
			region: 'Region',
			auto: (region: string) => `From the browser’s language (now: ${region})`,
			other: 'Other (generic 112)',
			builtIn: (emergency: string, crisis: string) =>
				`Built in: emergency ${emergency}; crisis line ${crisis}`,
			none: 'none',
			emergency: 'Emergency number for this region',
			crisis: 'Crisis line (suicide and self-harm) for this region',
			hint: 'Leave empty to use the built-in number. Digits, spaces, dashes and a leading +.',
			invalid: (field: string) => `${field}: not a phone number.`,
			save: 'Save numbers'
		}
	},
	about: {
		title: 'About & privacy',
		lead: 'This assistant runs entirely in your browser. What you type stays on this device.',
		staysHeading: 'What stays on this device',
		stays: [
			'Everything you type, and every answer, is processed on this device and never sent to a server.',
			'Your conversations are stored only in this browser’s storage. You can delete them at any time.',
			'Phone numbers, ID numbers and similar identifiers are removed before anything is stored or given to the model.'
		],
		networkHeading: 'What uses the network',
		network: [
			'Loading the app itself, from the address you opened.',
			'Downloading the language model once, after you agree, from the model source your clinic configured. After that it works offline.'
		],
		noThirdParty: 'There are no analytics, no trackers and no third-party services.',
		limitsHeading: 'What this assistant is not',
		limits:
			'It gives general health information. It does not diagnose, and it does not replace a doctor. If you think it is an emergency, call your local emergency number now.',
		back: 'Back to the conversation'
	}
};

export type Messages = typeof en;
