/**
 * The {@code erp-file} connector plugin: reads the files a client's ERP drops in the tenant's
 * inbox, NF-e 4.00 XML ({@link br.com.recebiveishub.connector.erpfile.ErpFileConnector}) and a
 * semicolon-separated CSV export of titles (layout in the module's README.md), and writes
 * synthetic files of both kinds for demos and rehearsals
 * ({@link br.com.recebiveishub.connector.erpfile.DemoSourceGenerator}).
 *
 * <p>Only the two extensions are public; format readers and writers are package-private.
 */
package br.com.recebiveishub.connector.erpfile;
