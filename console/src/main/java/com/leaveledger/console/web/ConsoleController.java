package com.leaveledger.console.web;

import com.leaveledger.console.backend.Backends;

/**
 * What every page of the console works with: the services it calls and the banners naming a service that failed a
 * call, so that the rest of the page still renders.
 */
public abstract class ConsoleController {

    protected final Backends backends;
    protected final Notices notices;

    protected ConsoleController(Backends backends, Notices notices) {
        this.backends = backends;
        this.notices = notices;
    }
}
