package com.leaveledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleInclusionTest {

    @Test
    void everyLeafsPathIsRfc9162sAndVerifiesAgainstTheRootForEverySize() {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> leaves = leaves(n);
            MerkleInclusion tree = new MerkleInclusion();
            leaves.forEach(leaf -> tree.add(leaf, true));
            MerkleRoot root = new MerkleRoot();
            leaves.forEach(root::add);

            assertThat(tree.root()).as("n = " + n).isEqualTo(root.root());
            for (int m = 0; m < n; m++) {
                List<byte[]> path = tree.path(m);
                assertThat(path).as("n = %d, m = %d", n, m).containsExactlyElementsOf(recursivePath(m, leaves));
                assertThat(MerkleInclusion.verify(leaves.get(m), m, n, path, root.root())).isTrue();
            }
        }
    }

    @Test
    void onlyTheLeavesAskedForAreProved() {
        List<byte[]> leaves = leaves(1000);
        MerkleInclusion tree = new MerkleInclusion();
        for (int i = 0; i < leaves.size(); i++) {
            tree.add(leaves.get(i), i == 3 || i == 517 || i == 999);
        }
        for (int m : new int[] {3, 517, 999}) {
            assertThat(MerkleInclusion.verify(leaves.get(m), m, 1000, tree.path(m), tree.root())).isTrue();
        }
    }

    @Test
    void aPathForAnotherLeafIndexSizeOrRootDoesNotVerify() {
        List<byte[]> leaves = leaves(13);
        MerkleInclusion tree = new MerkleInclusion();
        leaves.forEach(leaf -> tree.add(leaf, true));
        byte[] root = tree.root();
        List<byte[]> path = tree.path(5);

        assertThat(MerkleInclusion.verify(leaves.get(5), 5, 13, path, root)).isTrue();
        assertThat(MerkleInclusion.verify(leaves.get(6), 5, 13, path, root)).isFalse();
        assertThat(MerkleInclusion.verify(leaves.get(5), 4, 13, path, root)).isFalse();
        assertThat(MerkleInclusion.verify(leaves.get(5), 5, 8, path, root)).isFalse();
        assertThat(MerkleInclusion.verify(leaves.get(5), 5, 13, path.subList(0, 2), root)).isFalse();
        assertThat(MerkleInclusion.verify(leaves.get(5), 13, 13, path, root)).isFalse();
        byte[] flipped = path.get(1).clone();
        flipped[0] ^= 1;
        List<byte[]> forged = new ArrayList<>(path);
        forged.set(1, flipped);
        assertThat(MerkleInclusion.verify(leaves.get(5), 5, 13, forged, root)).isFalse();
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(("leaf " + i).getBytes(StandardCharsets.UTF_8));
        }
        return leaves;
    }

    /** PATH(m, D[n]) of RFC 6962, section 2.1.1, as written there. */
    private static List<byte[]> recursivePath(int m, List<byte[]> leaves) {
        int n = leaves.size();
        List<byte[]> path = new ArrayList<>();
        if (n <= 1) {
            return path;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m < k) {
            path.addAll(recursivePath(m, leaves.subList(0, k)));
            path.add(mth(leaves.subList(k, n)));
        } else {
            path.addAll(recursivePath(m - k, leaves.subList(k, n)));
            path.add(mth(leaves.subList(0, k)));
        }
        return path;
    }

    private static byte[] mth(List<byte[]> leaves) {
        MessageDigest digest = EventHashes.sha256();
        if (leaves.size() == 1) {
            digest.update((byte) 0);
            digest.update(leaves.get(0));
            return digest.digest();
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleRoot.node(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }
}
