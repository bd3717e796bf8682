package com.leaveledger.kernel.employee;

/** The ground of an erasure, GDPR Art. 17(1) (a)–(f). */
public enum ErasureBasis {
    /** (a) the data are no longer necessary for the purposes they were collected for. */
    NO_LONGER_NECESSARY,
    /** (b) the data subject withdrew the consent the processing was based on. */
    CONSENT_WITHDRAWN,
    /** (c) the data subject objected under Art. 21 and no overriding legitimate ground exists. */
    OBJECTION,
    /** (d) the data were processed unlawfully. */
    UNLAWFULLY_PROCESSED,
    /** (e) erasure is required by a legal obligation. */
    LEGAL_OBLIGATION,
    /** (f) the data were collected for information-society services offered to a child. */
    CHILD_DATA
}
