package com.leaveledger.command.integrity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.integrity.*}: signed checkpoints and the database they are kept in (docs/adr/0033, section 3);
 * documented in application.yml.
 *
 * @param signingKeyFile the Ed25519 private key (PKCS#8, PEM or DER) checkpoints are signed with; none: no
 *                       checkpoints are written (verification still checks those there are)
 * @param trustedKeyIds  ids of earlier signing keys whose checkpoints still verify (the current key is trusted anyway)
 */
@Validated
@ConfigurationProperties("ledger.integrity")
public record IntegrityProperties(Path signingKeyFile,
                                  @DefaultValue List<String> trustedKeyIds,
                                  @Valid @DefaultValue Checkpoints checkpoints,
                                  @Valid @NotNull Notary notary) {

    /**
     * @param everyEvents   a checkpoint once this many events were appended since the last one
     * @param every         a checkpoint at least this often while anything is appended
     * @param checkInterval how often the writer looks whether one is due
     */
    public record Checkpoints(@Min(1) @DefaultValue("1000") long everyEvents,
                              @NotNull @DefaultValue("5m") Duration every,
                              @NotNull @DefaultValue("1s") Duration checkInterval) {
    }

    /** The notary role's connection: the only one that can write schema {@code ledger_integrity}. */
    public record Notary(@NotBlank String url, @NotBlank String username, String password,
                         @DefaultValue("ledger_integrity") @NotBlank String schema,
                         @Min(1) @DefaultValue("2") int poolSize) {
    }
}
