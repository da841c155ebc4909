import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth.module';
import { LoginFailure } from './login-throttle.entity';
import { LoginThrottleService } from './login-throttle.service';
import { PanelLoginService } from './panel-login.service';
import { SessionService } from './session.service';

/** Panel sessions and log-in (the API's bearer tokens live in AuthModule). */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([LoginFailure])],
  providers: [SessionService, LoginThrottleService, PanelLoginService],
  exports: [SessionService, PanelLoginService],
})
export class SessionModule {}
