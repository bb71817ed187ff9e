package br.com.recebiveishub.sdk;

import br.com.recebiveishub.sdk.model.GeneratedSource;
import br.com.recebiveishub.sdk.model.SourceGenerationRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Writes synthetic ERP exports in the formats a connector reads, so an implementation team (and
 * the hub's demo and benchmarks) can rehearse an onboarding end to end without client data.
 * Output must be deterministic for a given request (same seed, same bytes).
 */
public interface SourceFileGenerator extends ExtensionPoint {

    /**
     * Writes the files into {@code directory} (created if missing) and describes what they hold.
     *
     * @throws IOException when a file cannot be written
     */
    List<GeneratedSource> generate(SourceGenerationRequest request, Path directory) throws IOException;
}
