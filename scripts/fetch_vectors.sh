#!/usr/bin/env bash
# Builds a test-vector folder from public sources, in the layout the tests read
# ($PQFENCE_VECTORS, default ../shared/vectors beside the repository; see
# tests/common/mod.rs and tests/python/conftest.py). Nothing is copied into
# this repository.
#
#   scripts/fetch_vectors.sh [--pypi-only] [DIR]     DIR defaults to $PQFENCE_VECTORS
#
# Two kinds of source:
#  * PyPI: cryptography-vectors==50.0.2 (pyca/cryptography's vectors), fetched
#    with pip; the ML-KEM and ML-DSA .rsp files are unpacked from the wheel.
#  * GitHub: the NIST ACVP-Server JSON files, X-Wing, HPKE-PQ and the LAMPS
#    composite vectors, fetched with curl from raw files at fixed commits/tags.
#    Where the folder's README (vectors/README.md) names a byte-identical
#    mirror, it is listed beside the entry.
# Every file is checked against the SHA-256 below (the sums of the vector set
# the test suite was validated with); a mismatch is an error and the file is
# removed. Files already present with the right sum are kept. --pypi-only
# skips the GitHub part (for machines that reach only PyPI).
set -euo pipefail

pypi_only=0
if [ "${1:-}" = --pypi-only ]; then
  pypi_only=1
  shift
fi
DIR=${1:-${PQFENCE_VECTORS:-}}
[ -n "$DIR" ] || {
  echo "usage: $0 [--pypi-only] DIR   (or set PQFENCE_VECTORS)" >&2
  exit 2
}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
PYTHON=${PYTHON:-python3}

ACVP=https://github.com/usnistgov/ACVP-Server/raw
# The first ACVP release for FIPS 203/204 final (Aug 2024). ML-KEM: commit per
# cloudflare/circl kem/mlkem/testdata/README.md (mirror: GiacomoPope/kyber-py@
# 897923667b2fa80afcf910fc8c1825dddf54a97d assets/). ML-DSA: commit 65370b8
# (abbreviated as in RustCrypto/signatures ml-dsa/tests/README.md; mirror:
# GiacomoPope/dilithium-py@ec9bbbdd1a91d00992cd40780b3532df30c04c5f assets/).
ACVP_MLKEM_2024=f38183487eebff2952da0e5a3441371218acfe3f
ACVP_MLDSA_2024=65370b8

# sha256  destination (relative to DIR)  source URL
# (vectors/README.md sections 2, 3 and 5 describe every file.)
GITHUB_FILES="
6ab1e7212f28bc6699a005463aa3e7339853fb3279a07c372914990fce0602b7 nist-acvp-server/2024-08_f381834_65370b8/ML-KEM-keyGen-FIPS203/prompt.json $ACVP/$ACVP_MLKEM_2024/gen-val/json-files/ML-KEM-keyGen-FIPS203/prompt.json
216de0bb28d9e86fbad973731028d64abdc66cab9ad5d7ff8c768cc7c26c551e nist-acvp-server/2024-08_f381834_65370b8/ML-KEM-keyGen-FIPS203/expectedResults.json $ACVP/$ACVP_MLKEM_2024/gen-val/json-files/ML-KEM-keyGen-FIPS203/expectedResults.json
d4a2b990f08c3459f258f4d089e6de9eeaa0b6b7d2f6d9035afdff81dfc43b36 nist-acvp-server/2024-08_f381834_65370b8/ML-KEM-encapDecap-FIPS203/prompt.json $ACVP/$ACVP_MLKEM_2024/gen-val/json-files/ML-KEM-encapDecap-FIPS203/prompt.json
e1b498e941ba877c27d2a452c275b1832d461e5426a73f103da27e03b97e0542 nist-acvp-server/2024-08_f381834_65370b8/ML-KEM-encapDecap-FIPS203/expectedResults.json $ACVP/$ACVP_MLKEM_2024/gen-val/json-files/ML-KEM-encapDecap-FIPS203/expectedResults.json
c90cd9411b567a17a1e2755693ccd4fa48eeb6875be4ef463ed33e9a23103f25 nist-acvp-server/2024-08_f381834_65370b8/ML-DSA-keyGen-FIPS204/prompt.json $ACVP/$ACVP_MLDSA_2024/gen-val/json-files/ML-DSA-keyGen-FIPS204/prompt.json
635a05104f40b9578d4618a4b05308a742d706362655344f22a12d491a58a87f nist-acvp-server/2024-08_f381834_65370b8/ML-DSA-keyGen-FIPS204/expectedResults.json $ACVP/$ACVP_MLDSA_2024/gen-val/json-files/ML-DSA-keyGen-FIPS204/expectedResults.json
da759fd966f267a59327e9597a2a6ecb61d02a2e83584c9f6690d48419448287 nist-acvp-server/2024-08_f381834_65370b8/ML-DSA-sigGen-FIPS204/prompt.json $ACVP/$ACVP_MLDSA_2024/gen-val/json-files/ML-DSA-sigGen-FIPS204/prompt.json
1b78baf274be78c76dfefb46362e5fe58bb3a6859db86b3bd126e4cbc7ef3eb8 nist-acvp-server/2024-08_f381834_65370b8/ML-DSA-sigGen-FIPS204/expectedResults.json $ACVP/$ACVP_MLDSA_2024/gen-val/json-files/ML-DSA-sigGen-FIPS204/expectedResults.json
69f5327f0525fe9bc085d090214691f97c8cd45ff1d66afbf8263c322fe2602d nist-acvp-server/2024-08_f381834_65370b8/ML-DSA-sigVer-FIPS204/prompt.json $ACVP/$ACVP_MLDSA_2024/gen-val/json-files/ML-DSA-sigVer-FIPS204/prompt.json
73196368b70a5f1b6f9f190c572dd97bb46c20a1e86786a41064a4b80d1ef2e9 nist-acvp-server/2024-08_f381834_65370b8/ML-DSA-sigVer-FIPS204/expectedResults.json $ACVP/$ACVP_MLDSA_2024/gen-val/json-files/ML-DSA-sigVer-FIPS204/expectedResults.json
e3e23af56a1fdb198ba27cd508a11d42af82d14c467cbcfe9802b66d14977eb0 nist-acvp-server/v1.1.0.35/SLH-DSA-keyGen-FIPS205/internalProjection.json $ACVP/v1.1.0.35/gen-val/json-files/SLH-DSA-keyGen-FIPS205/internalProjection.json
8a955b327dc2029895dc771bbae55d7ecc56f18ed27a9c3c2ea05dac59108c06 nist-acvp-server/v1.1.0.35/SLH-DSA-sigGen-FIPS205/prompt.json $ACVP/v1.1.0.35/gen-val/json-files/SLH-DSA-sigGen-FIPS205/prompt.json
2e9914c92f4a96c136ade42cca8a2b1ddcee65741aece4f892e46f3156639fa4 nist-acvp-server/v1.1.0.35/SLH-DSA-sigGen-FIPS205/expectedResults.json $ACVP/v1.1.0.35/gen-val/json-files/SLH-DSA-sigGen-FIPS205/expectedResults.json
e5b818695f844fadc274a5c8f80adb5c679eba7862ba622a5b1ff8e5e14f5414 nist-acvp-server/v1.1.0.35/SLH-DSA-sigVer-FIPS205/prompt.json $ACVP/v1.1.0.35/gen-val/json-files/SLH-DSA-sigVer-FIPS205/prompt.json
f829e24c3d15a8d898c03256749de657c75f6664dc3a820d5377de055dbfaa2f nist-acvp-server/v1.1.0.35/SLH-DSA-sigVer-FIPS205/expectedResults.json $ACVP/v1.1.0.35/gen-val/json-files/SLH-DSA-sigVer-FIPS205/expectedResults.json
e8a2c79e844a81c4e38e157ca55661acb5eb665331e694faac955b675feba845 nist-acvp-server/v1.1.0.38/SLH-DSA-keyGen-FIPS205/prompt.json $ACVP/v1.1.0.38/gen-val/json-files/SLH-DSA-keyGen-FIPS205/prompt.json
21c72d8f66b91c2741b6ad6c84f82c8ef86f48d5ad1c2ee3b78cac2e1f6dfc22 nist-acvp-server/v1.1.0.38/SLH-DSA-keyGen-FIPS205/expectedResults.json $ACVP/v1.1.0.38/gen-val/json-files/SLH-DSA-keyGen-FIPS205/expectedResults.json
6027a0ad263de2fa4a96a6bc086b17daa494dcadeb4a51e31b1258225c1d382f nist-acvp-server/v1.1.0.40/ML-DSA-keyGen-FIPS204/internalProjection.json $ACVP/v1.1.0.40/gen-val/json-files/ML-DSA-keyGen-FIPS204/internalProjection.json
e2d53b623c3ff79a52695d72ed10595ee1743ad6260ed0a3ff89d51bb5d474eb nist-acvp-server/v1.1.0.40/ML-KEM-encapDecap-FIPS203/internalProjection.json $ACVP/v1.1.0.40/gen-val/json-files/ML-KEM-encapDecap-FIPS203/internalProjection.json
80a2f859ecdebdba349a55fd3ccb1b8b33ee9c0eab08b171f0ed1a6e3bb45fb9 nist-acvp-server/v1.1.0.40/ML-KEM-keyGen-FIPS203/internalProjection.json $ACVP/v1.1.0.40/gen-val/json-files/ML-KEM-keyGen-FIPS203/internalProjection.json
05d9585dee6b1dba1095f6527ee708aa003b64c56d7e5f23077dfcca19b9da73 nist-acvp-server/v1.1.0.40/SLH-DSA-keyGen-FIPS205/internalProjection.json $ACVP/v1.1.0.40/gen-val/json-files/SLH-DSA-keyGen-FIPS205/internalProjection.json
409efe197550b22985b4a0419418a0c5f2c2b193426c55bd998399ec8d3e614d xwing-draft-connolly-cfrg-xwing-kem/test-vectors.json https://github.com/dconnolly/draft-connolly-cfrg-xwing-kem/raw/9b6ce9e614811dba8d46841052f3883cbc4c1a65/spec/test-vectors.json
c55496d271b166a984ea6748180a2ec718c946c74cc7c5ac63d5a4f5759b771e xwing-draft-connolly-cfrg-xwing-kem/xwing.priv https://github.com/dconnolly/draft-connolly-cfrg-xwing-kem/raw/9b6ce9e614811dba8d46841052f3883cbc4c1a65/x509/xwing.priv
327374bbb92ab6122ae5d5918dd21fa99b297447016557c211b419c9fd9389d3 xwing-draft-connolly-cfrg-xwing-kem/xwing.pub https://github.com/dconnolly/draft-connolly-cfrg-xwing-kem/raw/9b6ce9e614811dba8d46841052f3883cbc4c1a65/x509/xwing.pub
ba1f90672903e0df25610a1eef84b5f157e44d34849c0a72a2f9b164f3213888 hpke-pq/test-vectors.json https://github.com/hpkewg/hpke-pq/raw/74dafaa65f79a5eaa210af7ba967e5425a21d05b/test-vectors.json
a60f697f9fd94c3cd5e4501a40c4396d9a9ffc7cf0f8a1ddd87dedbb46a7abf0 composite-sigs/testvectors.json https://github.com/lamps-wg/draft-composite-sigs/raw/60fcb1e82b90b8cc331166eb783af2925f8ef809/src/testvectors.json
1b8d80f3ce623f368466eda44820f8b82ca67c9955e213d212c997137ef9ff24 composite-kem/testvectors.json https://github.com/lamps-wg/draft-composite-kem/raw/8cf7d5d3b2b758bbf9cdcc8d31167c09a8af22b0/src/testvectors.json
"

# sha256  destination  path inside the cryptography_vectors wheel
PYCA_VERSION=50.0.2
PYCA_DIR=pyca-cryptography-vectors-$PYCA_VERSION
PYPI_FILES="
783106e35afb1ab9aba557630f5380f3ffa40b83abfbe75a03059b5986702017 $PYCA_DIR/MLKEM/kat_MLKEM_512.rsp cryptography_vectors/asymmetric/MLKEM/kat_MLKEM_512.rsp
6ecab47c229a80b85afd8e9b1b76e604317b2505ac35382b0e288116e1ba860a $PYCA_DIR/MLKEM/kat_MLKEM_768.rsp cryptography_vectors/asymmetric/MLKEM/kat_MLKEM_768.rsp
ed23c551c53761649a2dd9573eda2f49f58285675d639fe8c0d585e21f37896c $PYCA_DIR/MLKEM/kat_MLKEM_1024.rsp cryptography_vectors/asymmetric/MLKEM/kat_MLKEM_1024.rsp
0899c4ef2621e1ef73ebe38f84c9ce9195329b6d0a08ccaee42c8054cdf0b099 $PYCA_DIR/MLDSA/kat_MLDSA_44_det_pure.rsp cryptography_vectors/asymmetric/MLDSA/kat_MLDSA_44_det_pure.rsp
cd64e9993263c34611a0e664de9b371c43c030a4295cb34809d6f496b96d0bd0 $PYCA_DIR/MLDSA/kat_MLDSA_65_det_pure.rsp cryptography_vectors/asymmetric/MLDSA/kat_MLDSA_65_det_pure.rsp
6ffa13735d29adc2f4d5ace33953b4f7763e7090b189953bded7872794b7b2bc $PYCA_DIR/MLDSA/kat_MLDSA_87_det_pure.rsp cryptography_vectors/asymmetric/MLDSA/kat_MLDSA_87_det_pure.rsp
"

ok() { [ -f "$DIR/$2" ] && [ "$(sha256sum "$DIR/$2" | cut -d' ' -f1)" = "$1" ]; }
check() {
  if ! ok "$1" "$2"; then
    echo "fetch_vectors: SHA-256 mismatch for $2 (removed)" >&2
    rm -f "$DIR/$2"
    return 1
  fi
}
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- PyPI: cryptography-vectors ---------------------------------------------
need_pypi=0
while read -r sum dest _; do
  [ -n "$sum" ] || continue
  ok "$sum" "$dest" || need_pypi=1
done <<<"$PYPI_FILES"
if [ $need_pypi = 1 ]; then
  echo "fetch_vectors: pip download cryptography-vectors==$PYCA_VERSION"
  "$PYTHON" -m pip download -q --no-deps --only-binary=:all: \
    "cryptography-vectors==$PYCA_VERSION" -d "$tmp"
  wheel=$(ls "$tmp"/cryptography_vectors-"$PYCA_VERSION"-*.whl)
  while read -r sum dest member; do
    [ -n "$sum" ] || continue
    mkdir -p "$(dirname "$DIR/$dest")"
    "$PYTHON" - "$wheel" "$member" "$DIR/$dest" <<'EOF'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst)
EOF
    check "$sum" "$dest" || failed=1
  done <<<"$PYPI_FILES"
fi

# --- GitHub: ACVP-Server, X-Wing, HPKE-PQ, composite ------------------------
if [ $pypi_only = 0 ]; then
  while read -r sum dest url; do
    [ -n "$sum" ] || continue
    ok "$sum" "$dest" && continue
    echo "fetch_vectors: $dest <- $url"
    mkdir -p "$(dirname "$DIR/$dest")"
    if curl -fsSL --retry 2 -o "$DIR/$dest" "$url"; then
      check "$sum" "$dest" || failed=1
    else
      echo "fetch_vectors: could not fetch $url" >&2
      rm -f "$DIR/$dest"
      failed=1
    fi
  done <<<"$GITHUB_FILES"
fi

# --- summary ----------------------------------------------------------------
present=0
missing=0
while read -r sum dest _; do
  [ -n "$sum" ] || continue
  if ok "$sum" "$dest"; then present=$((present + 1)); else missing=$((missing + 1)); fi
done <<<"$PYPI_FILES$GITHUB_FILES"
echo "fetch_vectors: $DIR: $present files verified, $missing missing"
[ $failed = 0 ] || exit 1
[ $pypi_only = 1 ] || [ $missing = 0 ]
