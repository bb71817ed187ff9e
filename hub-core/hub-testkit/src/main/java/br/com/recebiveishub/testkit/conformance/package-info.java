/**
 * Conformance suites, one per extension point, that a plugin author extends in the plugin's tests
 * (docs/plugin-guide.md, "Conformance suites"). Each is an abstract JUnit 5 class whose tests assert
 * what the SDK's javadoc promises, against a peer the author supplies: the real other side (a local
 * server speaking the documented protocol) or documented facts (published vectors, real sample
 * files), never the plugin's own output.
 */
package br.com.recebiveishub.testkit.conformance;
