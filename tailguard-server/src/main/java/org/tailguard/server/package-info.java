/** The HTTP server: the versioned REST API and the web dashboard for the monitor, the lab's runs and the guard's pipelines. */
package org.tailguard.server;
