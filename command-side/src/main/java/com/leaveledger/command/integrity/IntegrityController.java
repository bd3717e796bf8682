package com.leaveledger.command.integrity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@SecurityRequirement(name = "bearer")
public class IntegrityController {

    private final StoreVerification verification;

    public IntegrityController(StoreVerification verification) {
        this.verification = verification;
    }

    @Operation(summary = "Verify the event store and its signed checkpoints now (COMPLIANCE)",
            description = "Recomputes every stored event's content and chain hash, checks every checkpoint's signature"
                    + " and chain, and the store's heads and count at the latest checkpoint's position. 200 with"
                    + " status VERIFIED or BROKEN; a BROKEN report names the break of the lowest global index"
                    + " (docs/runbooks/verifying-the-ledger.md).")
    @GetMapping("/api/audit/integrity")
    public IntegrityReport verify() {
        return verification.verify();
    }
}
