package com.leaveledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleRootTest {

    @Test
    void theStreamingRootIsRfc6962sRecursiveDefinitionForEverySize() {
        for (int n = 0; n <= 70; n++) {
            List<byte[]> leaves = new ArrayList<>();
            MerkleRoot streaming = new MerkleRoot();
            for (int i = 0; i < n; i++) {
                byte[] leaf = ("leaf " + i).getBytes(StandardCharsets.UTF_8);
                leaves.add(leaf);
                streaming.add(leaf);
            }
            assertThat(streaming.root()).as("n = " + n).isEqualTo(recursive(leaves));
            assertThat(streaming.leaves()).isEqualTo(n);
        }
    }

    @Test
    void theEmptyTreeIsTheHashOfNothing() {
        assertThat(HexFormat.of().formatHex(new MerkleRoot().root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void headsSortAsUnsignedUtf8BytesLikePostgresqlsCCollation() {
        List<Head> heads = new ArrayList<>(List.of(head("b"), head("é"), head("B"), head("a:2"), head("a")));
        heads.sort(Head.CANONICAL_ORDER);
        assertThat(heads).extracting(Head::aggregateId).containsExactly("B", "a", "a:2", "b", "é");
    }

    private static Head head(String id) {
        return new Head(id, 0, new byte[32], 1);
    }

    /** MTH of RFC 6962, section 2.1, as written there. */
    private static byte[] recursive(List<byte[]> leaves) {
        MessageDigest digest = EventHashes.sha256();
        if (leaves.isEmpty()) {
            return digest.digest();
        }
        if (leaves.size() == 1) {
            digest.update((byte) 0);
            digest.update(leaves.get(0));
            return digest.digest();
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        byte[] left = recursive(leaves.subList(0, k));
        byte[] right = recursive(leaves.subList(k, leaves.size()));
        digest.update((byte) 1);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

}
