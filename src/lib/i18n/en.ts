// English UI strings. The shape of this object is the contract every locale implements (see zh-CN.ts).
// Strings with variables are functions, so no translated fragment is ever concatenated.
export const en = {
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
			'The browser’s storage is full, so this conversation is no longer being saved. What was saved before is kept. Free some space to keep saving.',
		storageFailed: 'This conversation could not be saved on this device. What was saved before is kept.',
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
			bank_card: 'bank card number',
			email: 'e-mail address',
			ssn: 'social security number',
			nhs_number: 'NHS number',
			mrn: 'medical record number',
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
			headache: 'a sudden severe headache'
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
