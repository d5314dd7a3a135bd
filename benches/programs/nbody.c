/* Dense float math: an n-body simulation with softened gravity, leapfrog
 * integration, and the total energy as the result. */
#include "bench.h"
#include <math.h>

#define BODIES 40

typedef struct {
    double x, y, z, vx, vy, vz, m;
} Body;

static void advance(Body *b, int n, double dt) {
    for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz + 0.01;
            double mag = dt / (d2 * sqrt(d2));
            double mi = b[i].m * mag, mj = b[j].m * mag;
            b[i].vx -= dx * mj;
            b[i].vy -= dy * mj;
            b[i].vz -= dz * mj;
            b[j].vx += dx * mi;
            b[j].vy += dy * mi;
            b[j].vz += dz * mi;
        }
    }
    for (int i = 0; i < n; i++) {
        b[i].x += dt * b[i].vx;
        b[i].y += dt * b[i].vy;
        b[i].z += dt * b[i].vz;
    }
}

static double energy(const Body *b, int n) {
    double e = 0;
    for (int i = 0; i < n; i++) {
        e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < n; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz + 0.01);
        }
    }
    return e;
}

int main(int argc, char **argv) {
    int steps = bench_size(argc, argv, 250000);
    Body bodies[BODIES];
    rng_seed(2);
    for (int i = 0; i < BODIES; i++) {
        bodies[i].x = rng_double() * 10 - 5;
        bodies[i].y = rng_double() * 10 - 5;
        bodies[i].z = rng_double() * 10 - 5;
        bodies[i].vx = rng_double() - 0.5;
        bodies[i].vy = rng_double() - 0.5;
        bodies[i].vz = rng_double() - 0.5;
        bodies[i].m = rng_double() + 0.1;
    }
    uint64_t sum = double_bits(energy(bodies, BODIES));
    for (int s = 0; s < steps; s++) advance(bodies, BODIES, 0.001);
    sum = mix64(sum, double_bits(energy(bodies, BODIES)));
    for (int i = 0; i < BODIES; i++) sum = mix64(sum, double_bits(bodies[i].x + bodies[i].y + bodies[i].z));
    bench_result("nbody", sum);
    return 0;
}
